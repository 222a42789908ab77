package io.github.isce4j.spark;

import io.github.isce4j.AtomicFile;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The proof that an executor sees the driver's folder: the driver writes a fresh random token into
 * it, and an executor that reads back another (or none) is looking at a different folder under the
 * same name, e.g. a node's own disk where a shared volume was meant.
 *
 * @param folder the reproduction's folder, absolute
 * @param token the token this run wrote
 */
record SharedFolder(String folder, String token) implements Serializable {

    /** The token file's name inside the folder. */
    static final String FILE = ".cluster-token";

    /**
     * Writes a new token into the folder.
     *
     * @param folder the reproduction's folder
     * @return the folder with its token
     * @throws IOException when the token cannot be written
     */
    static SharedFolder mark(Path folder) throws IOException {
        SharedFolder shared = new SharedFolder(
                folder.toAbsolutePath().toString(), UUID.randomUUID().toString());
        Files.createDirectories(folder);
        AtomicFile.writeString(shared.file(), shared.token + "\n");
        return shared;
    }

    /** Removes the token once the run is over. */
    void unmark() throws IOException {
        Files.deleteIfExists(file());
    }

    /**
     * @param where the executor and host reading it, for the message
     * @return null when this JVM sees the folder the driver wrote into, else why not, in one line
     */
    String problem(String where) {
        String seen;
        try {
            seen = Files.isRegularFile(file()) ? Files.readString(file()).strip() : null;
        } catch (IOException e) {
            seen = null;
        }
        if (token.equals(seen)) {
            return null;
        }
        return "the folder " + folder + " on " + where + " is not the driver's ("
                + (seen == null ? "it lacks" : "it holds another run's") + " the token the driver wrote into "
                + FILE + "): the reproduction's folder must be one folder that the driver and every executor see "
                + "(NFS, a cluster file system, a Kubernetes volume); see docs/cluster.md";
    }

    private Path file() {
        return Path.of(folder).resolve(FILE);
    }
}
