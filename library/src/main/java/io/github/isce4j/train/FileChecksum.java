package io.github.isce4j.train;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of the files a run writes and of its recorded settings, as lower-case hex. */
final class FileChecksum {

    /** Compact and stable: the hash of a settings object depends only on its entries and their order. */
    private static final Gson COMPACT = new Gson();

    private FileChecksum() {}

    /** @return the SHA-256 of a file's bytes */
    static String of(Path file) {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to checksum it", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return the SHA-256 of bytes */
    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** @return the SHA-256 of a JSON value written compactly, numbers as they were read */
    static String of(JsonElement json) {
        return HexFormat.of().formatHex(newDigest().digest(COMPACT.toJson(json).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param out where the bytes go
     * @return a stream that passes bytes to {@code out} and hashes them
     */
    static DigestOutputStream hashing(OutputStream out) {
        return new DigestOutputStream(out, newDigest());
    }

    /** @return the hex SHA-256 of what went through the stream */
    static String hex(DigestOutputStream out) {
        return HexFormat.of().formatHex(out.getMessageDigest().digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
