package io.github.isce4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any work starts, that a command will be able to write its results. */
final class OutputFolder {

    private OutputFolder() {}

    /**
     * Refuses a folder that cannot be written: one that is a file, or whose nearest existing
     * ancestor is a file or not writable. Creates nothing, so a refused command leaves no trace.
     *
     * @return {@code dir}
     */
    static Path requireWritable(Path dir, String flag) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
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
}
