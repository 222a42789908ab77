package io.github.isce4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One data file to read: a file on disk or a resource embedded in the jar.
 *
 * @param dataset the dataset the file belongs to (for the "what to do" part of messages)
 * @param name the file name, e.g. {@code train-images-idx3-ubyte.gz}
 * @param where how messages name the file: its path, or "embedded ... (in the jar)"
 * @param path the file on disk, or {@code null} for an embedded resource
 * @param opener opens the file's bytes
 */
record SourceFile(DatasetName dataset, String name, String where, Path path, Opener opener) {

    /** Where embedded MNIST lives on the classpath. */
    static final String EMBEDDED_MNIST = "/io/github/isce4j/data/mnist/";

    /** Opens the raw bytes of a source. */
    interface Opener {
        /** @return a fresh stream positioned at the first byte */
        InputStream open() throws IOException;
    }

    /** A file on disk. */
    static SourceFile ofPath(DatasetName dataset, Path path) {
        return new SourceFile(
                dataset, path.getFileName().toString(), path.toString(), path, () -> Files.newInputStream(path));
    }

    /** A resource in the jar, below {@link #EMBEDDED_MNIST}; {@code null} if it is absent. */
    static SourceFile ofEmbeddedMnist(String name) {
        String resource = EMBEDDED_MNIST + name;
        if (SourceFile.class.getResource(resource) == null) {
            return null;
        }
        return new SourceFile(
                DatasetName.MNIST, name, "embedded " + resource + " (in the jar)", null, () -> open(resource));
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = SourceFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource vanished from the class path");
        }
        return in;
    }

    /** @return whether the file is a resource inside the jar */
    boolean embedded() {
        return path == null;
    }

    /** @return the "what to do" half of every message about this file */
    String fix() {
        if (embedded()) {
            return "the jar is damaged: rebuild it, or point the data directory at a good copy of MNIST";
        }
        return "delete it and run `isce data download " + dataset.id()
                + "`, or point the data directory at a good copy";
    }

    /** @return an error naming this file, what is wrong and what to do */
    Bad error(String whatIsWrong) {
        return new Bad(where + ": " + whatIsWrong + "; " + fix(), null);
    }

    /** @return an error naming this file, what is wrong and what to do, with its cause */
    Bad error(String whatIsWrong, Throwable cause) {
        return new Bad(where + ": " + whatIsWrong + "; " + fix(), cause);
    }

    /**
     * A data file that cannot be read or is not what it should be. Package-private: callers see
     * an IllegalArgumentException; the type only lets {@link DatasetStatus} report a bad file
     * as the dataset's problem without also catching other failures.
     */
    static final class Bad extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private Bad(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
