package io.github.isce4j;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;

/**
 * Writes a file so that a crash never leaves it half-written: the bytes go to a temporary file
 * in the same folder, are forced to disk, and the temporary file is renamed over the target.
 */
public final class AtomicFile {

    /** Something that writes a file's bytes. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the stream to write to; closed by the caller
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * @param target the file to create or replace
     * @param writer writes the content
     * @throws IOException when writing or renaming fails; the target is then unchanged and no
     *     temporary file remains. A full file system is a {@link DiskFull}, whatever the writer threw.
     */
    public static void write(Path target, Writer writer) throws IOException {
        try {
            writeOrFail(target, writer);
        } catch (DiskFull e) {
            throw e;
        } catch (IOException e) {
            throw DiskFull.isNoSpace(e) ? new DiskFull(target, e) : e;
        }
    }

    private static void writeOrFail(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            readableByAll(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Temporary files start as 0600; results are meant to be shared, so readable by all (0644) as a
     * plain file would be. Call it on a temporary file before renaming it into place.
     *
     * @param file the file; nothing happens on a file system without POSIX permissions
     * @throws IOException when the permissions cannot be set
     */
    public static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(
                    file,
                    EnumSet.of(
                            PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.GROUP_READ,
                            PosixFilePermission.OTHERS_READ));
        }
    }

    /**
     * Removes temporary files a killed {@link #write} left in a folder. Only call it while no
     * other process writes there.
     *
     * @param dir the folder; nothing happens when it does not exist
     * @return how many files were removed
     * @throws IOException when listing or deleting fails
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path file : leftovers) {
                if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * @param target the file to create or replace
     * @param text its whole content, written as UTF-8
     * @throws IOException when writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
