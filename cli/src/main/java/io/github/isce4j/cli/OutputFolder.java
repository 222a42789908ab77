package io.github.isce4j.cli;

import io.github.isce4j.train.RunLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Checks, before any work starts, that a command will be able to write its results, and holds the
 * folder while it does ({@link #claim}).
 */
final class OutputFolder {

    /** What may sit in any output folder besides the results: the lock and killed writes' temporary files. */
    private static final Set<String> ALWAYS_ALLOWED = Set.of("lock");

    private OutputFolder() {}

    /**
     * Refuses a folder that cannot be written: the empty string (which would mean the current
     * folder), one that is a file, one under a symbolic link that leads nowhere (a loop or a
     * missing target), or one whose nearest existing ancestor is a file or not writable. Creates
     * nothing, so a refused command leaves no trace.
     *
     * @return {@code dir}
     */
    static Path requireWritable(Path dir, String flag) {
        if (dir.toString().isBlank()) {
            throw new UserError(flag + " is empty; name the folder (use " + flag + " . for the current folder)");
        }
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError(flag + " " + dir + " cannot be created: " + p
                        + " is a symbolic link that leads nowhere (a loop, or its target is missing)");
            }
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new UserError(flag + " " + dir + " cannot be created: " + p + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new UserError(flag + " " + dir + " cannot be written: " + p + " is not writable");
        }
        return dir;
    }

    /**
     * Refuses a folder that holds something other than what this command writes: its files would
     * be overwritten or mixed with the new results. An absent or empty folder is fine, and so is
     * one that holds any of {@code own} (an earlier result of the same kind, replaced as a whole).
     *
     * @param dir the output folder
     * @param flag the flag that named it, for the message
     * @param what what the folder should hold, in words, e.g. "attack results"
     * @param own the names that mark a folder of this kind; also allowed in it
     * @return {@code dir}
     */
    static Path requireOwnKind(Path dir, String flag, String what, Set<String> own) {
        if (!Files.isDirectory(dir)) {
            return dir;
        }
        String stranger = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (own.contains(name)) {
                    return dir;
                }
                boolean leftover = name.startsWith(".") && name.endsWith(".tmp");
                if (stranger == null && !ALWAYS_ALLOWED.contains(name) && !leftover) {
                    stranger = name;
                }
            }
        } catch (IOException e) {
            throw new UserError(flag + " " + dir + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (stranger != null) {
            throw new UserError(flag + " " + dir + " is a folder that holds other files (" + stranger + ") and no "
                    + what + "; they would be mixed with the results: choose a new or empty folder");
        }
        return dir;
    }

    /**
     * Checks the folder ({@link #requireWritable}, {@link #requireOwnKind}), creates it and takes
     * its {@link RunLock}, so that a second command writing the same folder is refused instead of
     * mixing its results with this one's.
     *
     * @param dir the output folder
     * @param what what the folder holds, in words, for the message about a foreign folder
     * @param own the names that mark a folder of this kind
     * @return the claim; close it when the results are written
     */
    static Claim claim(Path dir, String what, Set<String> own) {
        requireOwnKind(requireWritable(dir, "--out"), "--out", what, own);
        Path created = firstMissing(dir.toAbsolutePath());
        return new Claim(dir, RunLock.acquire(dir), created);
    }

    /** @return the outermost folder of {@code dir} that does not exist yet, or null when it exists */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /**
     * A folder this command writes, held by its lock. Closing releases the lock and removes the
     * folders the claim created when nothing was written into them (a command refused after the
     * claim leaves no trace).
     */
    static final class Claim implements AutoCloseable {

        private final Path dir;
        private final RunLock lock;
        private final Path created;

        private Claim(Path dir, RunLock lock, Path created) {
            this.dir = dir;
            this.lock = lock;
            this.created = created;
        }

        /** @return the folder held */
        Path path() {
            return dir;
        }

        @Override
        public void close() {
            lock.close();
            if (created == null) {
                return;
            }
            try {
                removeEmpty(created);
            } catch (IOException e) {
                // an empty folder left behind is harmless; the command's own outcome matters more
            }
        }

        /** Removes a folder tree that holds only empty folders. */
        private static void removeEmpty(Path dir) throws IOException {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    removeEmpty(entry);
                }
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(dir);
        }
    }
}
