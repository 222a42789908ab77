package io.github.isce4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which files make up each split, and where below a data directory they may lie. */
final class DatasetFiles {

    /** The folder the official CIFAR-10 tarball unpacks to. */
    static final String CIFAR_TAR_FOLDER = "cifar-10-batches-bin";

    private DatasetFiles() {}

    /**
     * One file a split needs, with the names it may have.
     *
     * @param bases accepted base names in order of preference; each may also end in .gz
     * @param gzipFirst whether the .gz form is preferred (the official form for IDX files)
     */
    record Slot(List<String> bases, boolean gzipFirst) {

        /** @return every accepted name, most preferred first */
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String base : bases) {
                names.add(gzipFirst ? base + ".gz" : base);
                names.add(gzipFirst ? base : base + ".gz");
            }
            return names;
        }

        /** @return how messages name the slot, e.g. "train-images-idx3-ubyte[.gz]" */
        String describe() {
            return bases.stream().map(b -> b + "[.gz]").collect(Collectors.joining(" or "));
        }
    }

    /** @return the files one split needs, in reading order */
    static List<Slot> slots(DatasetName dataset, Split split) {
        if (dataset == DatasetName.CIFAR10) {
            return cifarSlots(split);
        }
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        return List.of(
                new Slot(List.of(prefix + "-images-idx3-ubyte"), true),
                new Slot(List.of(prefix + "-labels-idx1-ubyte"), true));
    }

    private static List<Slot> cifarSlots(Split split) {
        if (split == Split.TEST) {
            // the complete official test batch wins over the partial one
            return List.of(new Slot(List.of("test_batch.bin", CifarReader.PARTIAL_TEST + "1000.bin"), false));
        }
        List<Slot> slots = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            slots.add(new Slot(List.of("data_batch_" + i + ".bin"), false));
        }
        return slots;
    }

    /** @return the dataset's folder below a data directory */
    static Path datasetFolder(Path dataDir, DatasetName dataset) {
        return dataDir.resolve(dataset.folder());
    }

    /** @return the folders that may hold the dataset's files, most preferred first */
    static List<Path> folders(Path dataDir, DatasetName dataset) {
        Path folder = datasetFolder(dataDir, dataset);
        if (dataset == DatasetName.CIFAR10) {
            return List.of(folder, folder.resolve(CIFAR_TAR_FOLDER));
        }
        return List.of(folder);
    }

    /** @return the split's files below {@code dataDir}, if every one of them is there */
    static Optional<List<Path>> resolve(Path dataDir, DatasetName dataset, Split split) {
        List<Path> found = new ArrayList<>();
        for (Slot slot : slots(dataset, split)) {
            Optional<Path> file = find(dataDir, dataset, slot);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            found.add(file.get());
        }
        return Optional.of(found);
    }

    /** @return the descriptions of the split's files missing below {@code dataDir} */
    static List<String> missing(Path dataDir, DatasetName dataset, Split split) {
        return slots(dataset, split).stream()
                .filter(slot -> find(dataDir, dataset, slot).isEmpty())
                .map(Slot::describe)
                .toList();
    }

    /** @return the split's file names that exist below {@code dataDir} as folders, where a file belongs */
    static List<String> unexpectedFolders(Path dataDir, DatasetName dataset, Split split) {
        List<String> found = new ArrayList<>();
        for (Slot slot : slots(dataset, split)) {
            if (find(dataDir, dataset, slot).isPresent()) {
                continue;
            }
            for (String name : slot.names()) {
                for (Path folder : folders(dataDir, dataset)) {
                    if (Files.isDirectory(folder.resolve(name))) {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }

    private static Optional<Path> find(Path dataDir, DatasetName dataset, Slot slot) {
        // name first, then folder: a full test_batch.bin in the tarball folder beats a
        // partial test batch next to it
        for (String name : slot.names()) {
            for (Path folder : folders(dataDir, dataset)) {
                Path file = folder.resolve(name);
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }
}
