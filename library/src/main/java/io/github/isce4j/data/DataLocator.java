package io.github.isce4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Knows where the datasets live and loads them.
 *
 * <p>A {@code --data-dir} given by the user is the only place searched: when it lacks a file,
 * that is an error, never a quiet fall back to other data. Without it: the directory named by
 * the environment variable {@value #ENV}, then {@code ~/.cache/isce4j}, then (MNIST only) the
 * copy inside isce4j, so MNIST works offline on a fresh clone. A dataset is found in
 * {@code <dir>/<folder>/} (for CIFAR-10 also in {@code <dir>/cifar-10/cifar-10-batches-bin/}).
 */
public final class DataLocator implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Environment variable naming a data directory. */
    public static final String ENV = "ISCE4J_DATA";

    /** What {@link DatasetStatus#location()} and {@link #location} say for the MNIST copy inside the jar. */
    static final String EMBEDDED = "the copy inside isce4j";

    private final transient List<Path> directories;
    private final transient boolean embeddedMnist;
    /** What to tell the user who wants an unverified file used anyway; null when unverified files are accepted. */
    private final transient String unverifiedAdvice;

    /** A locator with no {@code --data-dir}: {@value #ENV}, then {@code ~/.cache/isce4j}. */
    public DataLocator() {
        this((Path) null);
    }

    /**
     * A locator for the CLI.
     *
     * @param dataDir the {@code --data-dir} option, searched alone; {@code null} when not given
     */
    public DataLocator(Path dataDir) {
        this(defaultDirectories(dataDir, System.getenv(ENV), System.getProperty("user.home")), dataDir == null, null);
    }

    /**
     * A locator with an explicit search list, for tests and tools.
     *
     * @param directories data directories to search, in order
     * @param embeddedMnist whether to fall back to the MNIST files inside the jar
     */
    public DataLocator(List<Path> directories, boolean embeddedMnist) {
        this(directories, embeddedMnist, null);
    }

    private DataLocator(List<Path> directories, boolean embeddedMnist, String unverifiedAdvice) {
        this.directories = List.copyOf(directories);
        this.embeddedMnist = embeddedMnist;
        this.unverifiedAdvice = unverifiedAdvice;
    }

    /**
     * A locator like this one whose {@link #load} refuses a file whose SHA-256 is not a published
     * one (see {@link KnownChecksums}): MNIST's files in the Fashion-MNIST folder, say, would
     * otherwise be evaluated as Fashion-MNIST. The check costs nothing extra: every file's SHA-256
     * is computed while it is read.
     *
     * @param advice how the user can use such a file anyway, e.g. "pass --allow-unverified-data
     *     to use it anyway"; ends the refusal's message
     * @return the verifying locator
     */
    public DataLocator requireVerified(String advice) {
        return new DataLocator(directories, embeddedMnist, Objects.requireNonNull(advice, "advice"));
    }

    /** The default search list; package-private so tests can check the order. */
    static List<Path> defaultDirectories(Path dataDir, String env, String home) {
        List<Path> dirs = new ArrayList<>();
        if (dataDir != null) {
            return List.of(dataDir);
        }
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, ".cache", "isce4j"));
        }
        return dirs;
    }

    /**
     * @param dataset the dataset to look for in the data directories
     * @return whether both splits of the dataset are present (not whether they read cleanly)
     */
    public boolean has(DatasetName dataset) {
        return locate(dataset, Split.TRAIN).isPresent()
                && locate(dataset, Split.TEST).isPresent();
    }

    /** @return the data directories searched, in order */
    public List<Path> directories() {
        return directories;
    }

    /**
     * Where {@code isce data download} should put files: the first directory searched.
     *
     * @return the first data directory
     * @throws IllegalArgumentException if the search list is empty
     */
    public Path downloadDirectory() {
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("no data directory to download into; choose one");
        }
        return directories.get(0);
    }

    /**
     * Loads one split of a dataset.
     *
     * @param dataset which dataset
     * @param split training or test images
     * @return the images, read and checked
     * @throws IllegalArgumentException if the data is missing (saying where it looked and how to get it) or
     *     a file is damaged (naming the file)
     */
    public ImageSet load(DatasetName dataset, Split split) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        Located located =
                locate(dataset, split).orElseThrow(() -> new IllegalArgumentException(notFound(dataset, split)));
        ImageSet set = read(dataset, split, located.files());
        if (unverifiedAdvice != null) {
            set.sources().forEach(file -> requirePublished(dataset, file));
        }
        return set;
    }

    /** Refuses a file that is not the published one, naming the dataset it belongs to when it is another's. */
    private void requirePublished(DatasetName dataset, FileDigest file) {
        if (KnownChecksums.match(dataset, file.name(), file.sha256()).isPresent()) {
            return;
        }
        String other = KnownChecksums.all().stream()
                .filter(k -> k.sha256().equals(file.sha256()))
                .map(k -> " (it is the " + k.dataset().title() + " file " + k.fileName() + ")")
                .findFirst()
                .orElse("");
        throw new IllegalArgumentException(
                file.where() + ": SHA-256 " + file.sha256().substring(0, 12)
                        + "... is not that of a published " + dataset.title() + " file" + other
                        + "; `isce data verify` compares every file with the published checksums; use the published files, or "
                        + unverifiedAdvice);
    }

    /**
     * Where {@link #load} reads one split from, for the line every command prints about its data.
     *
     * @param dataset which dataset
     * @param split training or test images
     * @return the dataset folder, or {@value #EMBEDDED}
     * @throws IllegalArgumentException if the data is missing, as {@link #load} would
     */
    public String location(DatasetName dataset, Split split) {
        return locate(dataset, split)
                .orElseThrow(() -> new IllegalArgumentException(notFound(dataset, split)))
                .where();
    }

    /**
     * Checks a dataset: where it is, which files, their sizes and checksums, and whether both
     * splits read cleanly. Reads every file once.
     *
     * @param dataset which dataset
     * @return the status; never throws for missing or damaged data
     */
    public DatasetStatus status(DatasetName dataset) {
        return DatasetStatus.of(this, dataset);
    }

    /** Where one split's files were found. */
    record Located(String where, List<SourceFile> files) {}

    /** @return the split's files from the first place that has all of them */
    Optional<Located> locate(DatasetName dataset, Split split) {
        for (Path dir : directories) {
            Optional<List<Path>> files = DatasetFiles.resolve(dir, dataset, split);
            if (files.isPresent()) {
                List<SourceFile> sources = files.get().stream()
                        .map(p -> SourceFile.ofPath(dataset, p))
                        .toList();
                return Optional.of(
                        new Located(DatasetFiles.datasetFolder(dir, dataset).toString(), sources));
            }
        }
        return embedded(dataset, split);
    }

    private Optional<Located> embedded(DatasetName dataset, Split split) {
        if (!embeddedMnist || dataset != DatasetName.MNIST) {
            return Optional.empty();
        }
        List<SourceFile> files = new ArrayList<>();
        for (DatasetFiles.Slot slot : DatasetFiles.slots(dataset, split)) {
            SourceFile file = SourceFile.ofEmbeddedMnist(slot.names().get(0));
            if (file == null) {
                return Optional.empty(); // a jar built without the resources
            }
            files.add(file);
        }
        return Optional.of(new Located(EMBEDDED, files));
    }

    /** Reads one split from the given files with the reader for its format. */
    static ImageSet read(DatasetName dataset, Split split, List<SourceFile> files) {
        if (dataset == DatasetName.CIFAR10) {
            return CifarReader.read(dataset, split, files);
        }
        return IdxReader.read(dataset, split, files);
    }

    /** @return one line: what was not found, where we looked, and how to get it */
    String notFound(DatasetName dataset, Split split) {
        String looked = directories.isEmpty()
                ? "no data directory was given"
                : "looked in "
                        + directories.stream()
                                .map(dir -> lookedIn(dir, dataset, split))
                                .collect(Collectors.joining(", "));
        return dataset.title() + " " + split.word() + " data not found: " + looked
                + "; run `isce data download " + dataset.id() + "`, or point the data directory (or "
                + ENV + ") at a folder that contains " + dataset.folder() + "/";
    }

    private static String lookedIn(Path dir, DatasetName dataset, Split split) {
        Path folder = DatasetFiles.datasetFolder(dir, dataset);
        if (!Files.isDirectory(folder)) {
            return folder + " (no such folder)";
        }
        List<String> folders = DatasetFiles.unexpectedFolders(dir, dataset, split);
        return folder + " (missing " + String.join(", ", DatasetFiles.missing(dir, dataset, split))
                + (folders.isEmpty() ? "" : "; " + String.join(", ", folders) + " is a folder, not a file") + ")";
    }

    /**
     * A locator travels to a cluster's executors as its settings: they search the same folders.
     *
     * @return the settings, the folders as absolute paths
     */
    private Object writeReplace() {
        return new Form(
                directories.stream().map(d -> d.toAbsolutePath().toString()).toList(), embeddedMnist, unverifiedAdvice);
    }

    /**
     * Refuses a locator's bytes that are not its settings.
     *
     * @param in the stream
     * @throws java.io.InvalidObjectException always
     */
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a data locator is read from its Form");
    }

    /** The serialized form: the folders as absolute paths. */
    private record Form(List<String> directories, boolean embeddedMnist, String unverifiedAdvice)
            implements java.io.Serializable {
        private Object readResolve() {
            return new DataLocator(directories.stream().map(Path::of).toList(), embeddedMnist, unverifiedAdvice);
        }
    }
}
