package io.github.isce4j;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write failed because its file system is full. Not a bug: the same command succeeds once space
 * is freed, and since every result goes through {@link AtomicFile}, nothing half-written was left
 * behind. The message is one line naming the file and its folder and saying how to go on.
 */
public final class DiskFull extends IOException {

    private static final long serialVersionUID = 1L;

    /** How the JDK words ENOSPC on Linux and macOS, in an IOException's message or a FileSystemException's reason. */
    private static final String NO_SPACE = "No space left on device";

    /**
     * @param file the file that was being written
     * @param cause the file system's failure
     */
    public DiskFull(Path file, IOException cause) {
        super(
                "no space left on the device while writing " + file.getFileName() + " in "
                        + file.toAbsolutePath().getParent() + "; nothing half-written was kept: free some space and "
                        + "run the same command again (a training run resumes from its last finished epoch, a "
                        + "reproduction reuses its finished cells)",
                cause);
    }

    /**
     * @param e a failed write
     * @return whether it failed because the file system is full
     */
    public static boolean isNoSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NO_SPACE)) {
                return true;
            }
        }
        return false;
    }
}
