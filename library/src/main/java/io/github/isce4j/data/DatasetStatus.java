package io.github.isce4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code isce data verify} reports for one dataset.
 *
 * @param dataset the dataset
 * @param state found, embedded, incomplete, corrupt or missing
 * @param location the dataset folder, {@code "the copy inside isce4j"}, both when the splits
 *     come from different places, or "" when missing
 * @param files every file found, with size and checksum
 * @param trainImages images in the training split (0 if it did not read)
 * @param testImages images in the test split (0 if it did not read)
 * @param note what results on this data must say, e.g. "test: first 1,000 test images"
 * @param problem the first thing wrong, one line; "" when nothing is
 */
public record DatasetStatus(
        DatasetName dataset,
        State state,
        String location,
        List<FileInfo> files,
        int trainImages,
        int testImages,
        String note,
        String problem) {

    /** Whether and where the dataset was found, and whether it reads. */
    public enum State {
        /** Both splits found in a data directory and read cleanly. */
        FOUND,
        /** Both splits read cleanly from the MNIST copy inside the jar. */
        EMBEDDED,
        /** One split found and readable, the other missing. */
        INCOMPLETE,
        /** A file was found but does not read as the dataset. */
        CORRUPT,
        /** No file of the dataset was found. */
        MISSING
    }

    /** How a file's SHA-256 compares with the published values. */
    public enum Check {
        /** Equal to a known published value. */
        VERIFIED,
        /** Published values exist for this file name, and this file matches none. */
        MISMATCH,
        /** No value is published for this file name, or the file could not be read. */
        UNKNOWN
    }

    /**
     * One file of the dataset.
     *
     * @param name file name
     * @param bytes size as stored, -1 if unreadable
     * @param sha256 hex SHA-256 as stored, "" if unreadable
     * @param check how the checksum compares with the published ones
     * @param origin which published file it matched (e.g. "official"), "" if none
     */
    public record FileInfo(String name, long bytes, String sha256, Check check, String origin) {}

    /**
     * Copies the file list so the record stays immutable.
     *
     * @param dataset the dataset
     * @param state found, embedded, incomplete, corrupt or missing
     * @param location where the dataset was found, "" when missing
     * @param files every file found
     * @param trainImages images in the training split
     * @param testImages images in the test split
     * @param note what results on this data must say
     * @param problem the first thing wrong, "" when nothing is
     */
    public DatasetStatus {
        files = List.copyOf(files);
    }

    /** @return whether both splits are present and read cleanly */
    public boolean usable() {
        return state == State.FOUND || state == State.EMBEDDED;
    }

    /**
     * Checks all three datasets.
     *
     * @param locator where to look
     * @return one status per dataset, in {@link DatasetName} order
     */
    public static List<DatasetStatus> verifyAll(DataLocator locator) {
        return Arrays.stream(DatasetName.values()).map(locator::status).toList();
    }

    /**
     * One line for {@code isce data verify}: name, state, where, files and sizes, checksum
     * result, image counts, notes and the problem if any.
     *
     * @return the line
     */
    public String describe() {
        if (state == State.MISSING) {
            return dataset.id() + ": MISSING; " + problem;
        }
        List<String> parts = new ArrayList<>();
        parts.add(dataset.id() + ": " + state + ", " + location);
        parts.add(files.size() + " files: "
                + files.stream().map(f -> f.name() + " " + Fmt.size(f.bytes())).collect(Collectors.joining(", ")));
        parts.add(checksums());
        parts.add(Fmt.count(trainImages) + " train + " + Fmt.count(testImages) + " test images");
        if (!note.isEmpty()) {
            parts.add("note: " + note);
        }
        if (!problem.isEmpty()) {
            parts.add("problem: " + problem);
        }
        return String.join("; ", parts);
    }

    private String checksums() {
        long verified = files.stream().filter(f -> f.check() == Check.VERIFIED).count();
        String origins = files.stream()
                .filter(f -> f.check() == Check.VERIFIED)
                .map(FileInfo::origin)
                .distinct()
                .collect(Collectors.joining(", "));
        String line =
                "sha256 verified " + verified + "/" + files.size() + (origins.isEmpty() ? "" : " (" + origins + ")");
        String mismatched = names(Check.MISMATCH);
        if (!mismatched.isEmpty()) {
            line += ", MISMATCH: " + mismatched + " (not the published file)";
        }
        String unknown = names(Check.UNKNOWN);
        if (!unknown.isEmpty()) {
            line += ", no published sha256 for " + unknown;
        }
        return line;
    }

    private String names(Check check) {
        return files.stream()
                .filter(f -> f.check() == check)
                .map(FileInfo::name)
                .collect(Collectors.joining(", "));
    }

    /** Builds the status of one dataset by locating and reading both splits. */
    static DatasetStatus of(DataLocator locator, DatasetName dataset) {
        Optional<DataLocator.Located> train = locator.locate(dataset, Split.TRAIN);
        Optional<DataLocator.Located> test = locator.locate(dataset, Split.TEST);
        if (train.isEmpty() && test.isEmpty()) {
            return new DatasetStatus(
                    dataset, State.MISSING, "", List.of(), 0, 0, "", locator.notFound(dataset, Split.TRAIN));
        }
        SplitResult tr = SplitResult.of(dataset, Split.TRAIN, train);
        SplitResult te = SplitResult.of(dataset, Split.TEST, test);
        String problem = firstNonEmpty(tr.problem, te.problem);
        if (problem.isEmpty() && (train.isEmpty() || test.isEmpty())) {
            problem = locator.notFound(dataset, train.isEmpty() ? Split.TRAIN : Split.TEST);
        }
        return new DatasetStatus(
                dataset,
                state(train, test, tr, te),
                location(train, test),
                files(dataset, tr, te),
                tr.count,
                te.count,
                notes(tr, te),
                problem);
    }

    /** The outcome of reading one split. */
    private record SplitResult(List<FileDigest> digests, int count, String note, String problem) {

        static SplitResult of(DatasetName dataset, Split split, Optional<DataLocator.Located> located) {
            if (located.isEmpty()) {
                return new SplitResult(List.of(), 0, "", "");
            }
            List<SourceFile> files = located.get().files();
            try {
                ImageSet set = DataLocator.read(dataset, split, files);
                String note = set.note().isEmpty() ? "" : split.word() + ": " + set.note();
                return new SplitResult(set.sources(), set.size(), note, "");
            } catch (SourceFile.Bad e) {
                return new SplitResult(digestEach(files), 0, "", e.getMessage());
            }
        }

        private static List<FileDigest> digestEach(List<SourceFile> files) {
            List<FileDigest> digests = new ArrayList<>();
            for (SourceFile file : files) {
                try {
                    digests.add(SourceStream.digestOnly(file));
                } catch (SourceFile.Bad e) {
                    digests.add(new FileDigest(file.name(), file.where(), -1, ""));
                }
            }
            return digests;
        }
    }

    private static State state(
            Optional<DataLocator.Located> train, Optional<DataLocator.Located> test, SplitResult tr, SplitResult te) {
        if (!tr.problem.isEmpty() || !te.problem.isEmpty()) {
            return State.CORRUPT;
        }
        if (train.isEmpty() || test.isEmpty()) {
            return State.INCOMPLETE;
        }
        boolean jar = train.get().where().equals(DataLocator.EMBEDDED)
                && test.get().where().equals(DataLocator.EMBEDDED);
        return jar ? State.EMBEDDED : State.FOUND;
    }

    private static String location(Optional<DataLocator.Located> train, Optional<DataLocator.Located> test) {
        if (train.isPresent()
                && test.isPresent()
                && !train.get().where().equals(test.get().where())) {
            return "train: " + train.get().where() + ", test: " + test.get().where();
        }
        return train.or(() -> test).map(DataLocator.Located::where).orElse("");
    }

    private static List<FileInfo> files(DatasetName dataset, SplitResult tr, SplitResult te) {
        // keyed by where, so a file shared by both splits would be listed once
        Map<String, FileInfo> infos = new LinkedHashMap<>();
        for (FileDigest d : concat(tr.digests, te.digests)) {
            infos.putIfAbsent(d.where(), info(dataset, d));
        }
        return List.copyOf(infos.values());
    }

    private static List<FileDigest> concat(List<FileDigest> a, List<FileDigest> b) {
        List<FileDigest> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static FileInfo info(DatasetName dataset, FileDigest d) {
        if (d.sha256().isEmpty()) {
            return new FileInfo(d.name(), d.bytes(), "", Check.UNKNOWN, "");
        }
        Optional<KnownChecksums.Known> match = KnownChecksums.match(dataset, d.name(), d.sha256());
        Check check = match.isPresent()
                ? Check.VERIFIED
                : KnownChecksums.forFile(dataset, d.name()).isEmpty() ? Check.UNKNOWN : Check.MISMATCH;
        String origin = match.map(KnownChecksums.Known::origin).orElse("");
        return new FileInfo(d.name(), d.bytes(), d.sha256(), check, origin);
    }

    private static String notes(SplitResult tr, SplitResult te) {
        return List.of(tr.note, te.note).stream().filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
