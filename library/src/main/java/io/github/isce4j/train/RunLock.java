package io.github.isce4j.train;

import io.github.isce4j.DiskFull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The one writer of a run directory: a file {@code lock} holding the owner's process id and start
 * time, created atomically before anything else is written. A second writer is refused with one
 * line naming the owner; a lock whose process is gone (killed with SIGKILL, say) is taken over.
 * The start time tells a live owner from a new process that got the same id.
 */
public final class RunLock implements AutoCloseable {

    static final String NAME = "lock";

    private final Path file;
    private final Thread releaseOnExit;

    private RunLock(Path file) {
        this.file = file;
        // Ctrl-C runs shutdown hooks but not the training thread's finally blocks.
        this.releaseOnExit = new Thread(this::delete, "release " + file);
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    /**
     * @param dir the run directory; created when absent
     * @return the held lock; close it to release
     * @throws Held when another live process holds it
     * @throws IllegalArgumentException when the folder is a file or cannot be written
     * @throws UncheckedIOException wrapping a {@link DiskFull} when its file system is full
     */
    public static RunLock acquire(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder; choose another run directory");
        }
        Path file = dir.resolve(NAME);
        try {
            Files.createDirectories(dir);
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    Files.writeString(Files.createFile(file), me(), StandardCharsets.UTF_8);
                    return new RunLock(file);
                } catch (FileAlreadyExistsException held) {
                    Optional<String> owner = liveOwner(file);
                    if (owner.isPresent()) {
                        throw new Held(dir + " is in use by process " + owner.get() + " (lock file " + file
                                + "); wait for it to finish, or stop it first");
                    }
                    Files.deleteIfExists(file); // stale: its process is gone
                }
            }
            throw new Held(dir + " was locked by another process at the same moment; try again");
        } catch (IOException e) {
            if (DiskFull.isNoSpace(e)) {
                throw new UncheckedIOException(new DiskFull(file, e));
            }
            throw new IllegalArgumentException(
                    "cannot write to " + dir + " (" + e.getMessage() + "); choose a folder you can write to", e);
        }
    }

    /** @return "pid startInstant" of this process */
    private static String me() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + " "
                + self.info().startInstant().map(Instant::toString).orElse("?") + "\n";
    }

    /** @return the owner's pid when the process that wrote the lock still runs */
    private static Optional<String> liveOwner(Path file) throws IOException {
        String[] parts;
        try {
            parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
        } catch (NoSuchFileException released) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty(); // a lock cut short by a kill before its pid was written
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        String started =
                process.get().info().startInstant().map(Instant::toString).orElse("?");
        boolean same = parts.length < 2 || "?".equals(parts[1]) || "?".equals(started) || parts[1].equals(started);
        return same ? Optional.of(String.valueOf(pid)) : Optional.empty();
    }

    private void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock that stays behind is stale and taken over by the next writer
        }
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /**
     * The run directory is in use by another live process. Not a bad setting: the same call
     * succeeds once that process has finished. The message is one line naming the owner.
     */
    public static final class Held extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Held(String message) {
            super(message);
        }
    }
}
