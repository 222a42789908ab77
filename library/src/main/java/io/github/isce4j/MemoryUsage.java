package io.github.isce4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process as the Linux kernel reports it (JVM heap plus native). */
public final class MemoryUsage {

    private MemoryUsage() {}

    /** @return current resident set size in MiB, or -1 where /proc is unavailable */
    public static double residentMiB() {
        return field("VmRSS:");
    }

    /** @return peak resident set size in MiB, or -1 where /proc is unavailable */
    public static double peakResidentMiB() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
