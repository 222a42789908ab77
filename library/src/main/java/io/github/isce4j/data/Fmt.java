package io.github.isce4j.data;

import java.util.Locale;

/** Number formatting for messages; fixed locale so messages read the same everywhere. */
final class Fmt {

    private Fmt() {}

    /** @return {@code n} with thousands separators, e.g. "47,040,016" */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** @return a size in megabytes with one decimal, e.g. "9.9 MB" (decimal megabytes) */
    static String megabytes(long bytes) {
        if (bytes < 0) {
            return "? MB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** @return an int as eight hex digits, e.g. "0x00000803" */
    static String hex32(int value) {
        return String.format(Locale.ROOT, "0x%08x", value);
    }

    /** @return a file size for people, e.g. "28.9 kB" or "9.9 MB" (decimal units) */
    static String size(long bytes) {
        if (bytes < 0) {
            return "(unreadable)";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return megabytes(bytes);
    }
}
