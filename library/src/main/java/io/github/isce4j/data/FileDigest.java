package io.github.isce4j.data;

/**
 * What was read from one source file, for provenance.
 *
 * @param name the file name
 * @param where the path, or the resource description for embedded files
 * @param bytes the file's length as stored (compressed, for .gz files)
 * @param sha256 the lower-case hex SHA-256 of the file as stored
 */
record FileDigest(String name, String where, long bytes, String sha256) {

    /** @return the line {@code sha256sum} would print for this file */
    String sha256sumLine() {
        return sha256 + "  " + name;
    }
}
