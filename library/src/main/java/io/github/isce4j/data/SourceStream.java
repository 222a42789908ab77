package io.github.isce4j.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one source file: decompresses it when it is gzip (detected from its first two bytes)
 * and hashes the stored bytes on the way, so provenance costs no second pass over the file.
 *
 * <p>Every failure becomes an IllegalArgumentException naming the file.
 */
final class SourceStream implements Closeable {

    private static final int BUFFER = 1 << 16;
    // reads up to this size allocate their whole array at once; larger ones grow with the data,
    // so a damaged header cannot make us allocate gigabytes for a small file
    private static final int EAGER = 64 << 20;

    private final SourceFile source;
    private final MessageDigest sha256;
    private final CountingInputStream stored;
    private final InputStream buffered;
    private final CountingInputStream payload;
    private final boolean gzip;
    private final long payloadHint;

    private SourceStream(
            SourceFile source,
            MessageDigest sha256,
            CountingInputStream stored,
            InputStream buffered,
            InputStream payload,
            boolean gzip) {
        this.source = source;
        this.sha256 = sha256;
        this.stored = stored;
        this.buffered = buffered;
        this.payload = new CountingInputStream(payload);
        this.gzip = gzip;
        this.payloadHint = payloadSizeHint(source.path(), gzip);
    }

    /**
     * The payload's likely length, to size arrays right the first time: the file size, or
     * for gzip the length stored in its last four bytes (exact below 4 GiB, but only a hint,
     * since a damaged file may hold anything there); -1 when unknown.
     */
    private static long payloadSizeHint(Path path, boolean gzip) {
        if (path == null) {
            return -1;
        }
        try (FileChannel channel = FileChannel.open(path)) {
            long size = channel.size();
            if (!gzip) {
                return size;
            }
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 4 || channel.read(trailer, size - 4) != 4) {
                return -1;
            }
            return Integer.toUnsignedLong(trailer.getInt(0));
        } catch (IOException e) {
            return -1; // the read itself will report the problem
        }
    }

    /**
     * Opens a source for reading.
     *
     * @throws IllegalArgumentException if it cannot be opened, is empty, or is named .gz but is not gzip
     */
    static SourceStream open(SourceFile source) {
        InputStream file = openFile(source);
        try {
            MessageDigest sha = newSha256();
            // the digest sits below the buffer so each stored byte is hashed exactly once
            CountingInputStream stored = new CountingInputStream(new DigestInputStream(file, sha));
            BufferedInputStream buffered = new BufferedInputStream(stored, BUFFER);
            boolean gzip = sniffGzip(source, buffered);
            InputStream payload = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
            return new SourceStream(source, sha, stored, buffered, payload, gzip);
        } catch (SourceFile.Bad e) {
            closeQuietly(file);
            throw e;
        } catch (IOException e) {
            closeQuietly(file);
            throw source.error(describe(e, 0, -1), e);
        }
    }

    private static InputStream openFile(SourceFile source) {
        try {
            return source.opener().open();
        } catch (IOException e) {
            throw source.error("cannot open (" + e + ")", e);
        }
    }

    private static boolean sniffGzip(SourceFile source, BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 < 0) {
            throw source.error("empty file (0 bytes)");
        }
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        if (!gzip && source.name().endsWith(".gz")) {
            throw source.error(notGzip(b0, b1));
        }
        return gzip;
    }

    private static String notGzip(int b0, int b1) {
        String start = String.format("0x%02x 0x%02x", b0, Math.max(b1, 0));
        String hint = b0 == '<' ? " (it looks like an HTML page, not data)" : "";
        return "not a gzip file: it starts with " + start + " instead of 0x1f 0x8b" + hint;
    }

    /**
     * Hashes a file without interpreting it, for status reports on files that do not read.
     *
     * @throws IllegalArgumentException if the file cannot be read
     */
    static FileDigest digestOnly(SourceFile source) {
        MessageDigest sha = newSha256();
        try (InputStream file = openFile(source);
                CountingInputStream in = new CountingInputStream(new DigestInputStream(file, sha))) {
            in.transferTo(OutputStream.nullOutputStream());
            String hex = HexFormat.of().formatHex(sha.digest());
            return new FileDigest(source.name(), source.where(), in.count(), hex);
        } catch (IOException e) {
            throw source.error("cannot read (" + e + ")", e);
        }
    }

    /** @return whether the payload is gzip-compressed */
    boolean gzip() {
        return gzip;
    }

    /** @return how many payload (decompressed) bytes were read so far */
    long position() {
        return payload.count();
    }

    /**
     * Reads up to {@code n} payload bytes; fewer only when the data ends early.
     *
     * @param expectedTotal the payload length the caller expects in all, for messages
     */
    byte[] read(int n, long expectedTotal) {
        try {
            return readUpTo(n);
        } catch (IOException e) {
            throw source.error(describe(e, position(), expectedTotal), e);
        }
    }

    private byte[] readUpTo(int n) throws IOException {
        long remaining = payloadHint < 0 ? -1 : payloadHint - position();
        int capacity = n <= EAGER ? n : (int) Math.min(n, remaining > 0 ? remaining : EAGER);
        byte[] buf = new byte[capacity];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                // full but not at n: one byte tells whether the data goes on
                int b = payload.read();
                if (b < 0) {
                    break;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(n, Math.max(2L * filled, BUFFER)));
                buf[filled++] = (byte) b;
                continue;
            }
            int r = payload.read(buf, filled, buf.length - filled);
            if (r < 0) {
                break;
            }
            filled += r;
        }
        return filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    }

    /** @return whether the payload has no more bytes (also checks the gzip trailer) */
    boolean atEnd() {
        try {
            return payload.read() < 0;
        } catch (IOException e) {
            throw source.error(describe(e, position(), -1), e);
        }
    }

    /**
     * Reads the rest of the stored file so the checksum covers all of it.
     *
     * @return the file's name, length and SHA-256
     */
    FileDigest finish() {
        try {
            buffered.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw source.error(describe(e, position(), -1), e);
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        return new FileDigest(source.name(), source.where(), stored.count(), hex);
    }

    /** @return the error for a payload that ended before {@code expected} bytes */
    SourceFile.Bad truncated(long expected) {
        String kind =
                gzip ? "truncated: expected %s uncompressed bytes, got %s" : "truncated: expected %s bytes, got %s";
        return source.error(String.format(kind, Fmt.count(expected), Fmt.count(position())));
    }

    private static String describe(IOException e, long got, long expected) {
        if (e instanceof EOFException) {
            String of = expected > 0 ? " of the " + Fmt.count(expected) + " expected" : "";
            return "truncated gzip file: the compressed data ends after " + Fmt.count(got) + of + " uncompressed bytes";
        }
        if (e instanceof ZipException) {
            return "corrupt gzip data (" + e.getMessage() + ")";
        }
        return "cannot read (" + e + ")";
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java runtime must provide SHA-256, so this is a broken JVM, not bad input
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    /** Closes the file and releases the native inflater. */
    @Override
    public void close() {
        try {
            payload.close();
        } catch (IOException ignored) {
            // nothing was written, so a failed close loses nothing
        }
    }
}
