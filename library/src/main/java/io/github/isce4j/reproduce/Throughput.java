package io.github.isce4j.reproduce;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import io.github.isce4j.AtomicFile;
import io.github.isce4j.JsonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Measured cost of finished cells, kept in {@code timings.json}: each cell's units and seconds, so
 * estimates of the remaining work use this machine's own rates per kind of cell. Until a kind has
 * been measured, a rate measured on a 2-core AMD EPYC stands in.
 */
final class Throughput {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * Units per second of the work beyond {@link #OVERHEAD}, before anything is measured here: the
     * quick budget's cells on a 2-core Intel Xeon (AVX-512), 2026-12-04, 47.8 minutes in all, run
     * uncapped, as reproduce runs again since 2026-12-07 (docs/performance.md).
     */
    private static final Map<String, Double> DEFAULTS = Map.ofEntries(
            Map.entry("train lenet5 mnist", 17_000.0), Map.entry("adversarial-train lenet5 mnist", 9_700.0),
            Map.entry("train cnn8 cifar10", 650.0), Map.entry("adversarial-train cnn8 cifar10", 790.0),
            Map.entry("train resnet32 mnist", 430.0), Map.entry("adversarial-train resnet32 mnist", 450.0),
            Map.entry("train resnet32 cifar10", 310.0), Map.entry("adversarial-train resnet32 cifar10", 420.0),
            Map.entry("attack lenet5 mnist", 11_000.0), Map.entry("attack cnn8 cifar10", 2_200.0),
            Map.entry("attack resnet32 mnist", 1_100.0), Map.entry("attack resnet32 cifar10", 1_200.0),
            Map.entry("embed resnet32 mnist", 1_100.0), Map.entry("embed resnet32 cifar10", 1_000.0));

    /** Seconds a cell costs whatever its size: loading the model and the data, writing its files. */
    private static final double OVERHEAD = 0.2;

    /**
     * @param rateKey the kind of cell
     * @param units its units
     * @param seconds how long it took
     */
    record Timing(String rateKey, double units, double seconds) {}

    private final Path file;
    private final Map<String, Timing> timings;

    private Throughput(Path file, Map<String, Timing> timings) {
        this.file = file;
        this.timings = timings;
    }

    /**
     * @param out the reproduction's folder
     * @return the timings recorded there; none when timings.json is absent
     * @throws IllegalArgumentException naming timings.json when it is damaged
     */
    static Throughput open(Path out) {
        Path file = out.resolve("timings.json");
        Map<String, Timing> timings = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Map<String, Timing> read = JsonFile.read(
                    file,
                    GSON,
                    new TypeToken<LinkedHashMap<String, Timing>>() {}.getType(),
                    (Map<String, Timing> m) -> m.values().stream().allMatch(Throughput::valid),
                    "delete it (it only holds the measured times that estimates use; no result is lost)");
            timings.putAll(read);
        }
        return new Throughput(file, timings);
    }

    private static boolean valid(Timing t) {
        return t != null
                && t.rateKey() != null
                && t.units() >= 0
                && Double.isFinite(t.units())
                && t.seconds() >= 0
                && Double.isFinite(t.seconds());
    }

    /** Records a finished cell and rewrites timings.json. */
    void record(Cell cell, double seconds) throws IOException {
        timings.put(cell.key(), new Timing(cell.rateKey(), cell.units(), seconds));
        Files.createDirectories(file.getParent());
        AtomicFile.writeString(file, GSON.toJson(timings) + "\n");
    }

    /** @return the seconds a cell took, or NaN when it was not timed here */
    double measured(Cell cell) {
        Timing t = timings.get(cell.key());
        return t == null ? Double.NaN : t.seconds();
    }

    /** @return the estimated seconds of a cell at this machine's measured rate for its kind */
    double estimate(Cell cell) {
        double units = 0;
        double work = 0;
        for (Timing t : timings.values()) {
            if (t.rateKey().equals(cell.rateKey())) {
                units += t.units();
                work += t.seconds() - OVERHEAD;
            }
        }
        double rate = work > 1 ? units / work : DEFAULTS.getOrDefault(cell.rateKey(), 1_000.0);
        return OVERHEAD + cell.units() / rate;
    }

    /** @return seconds as the plan and the report print them: 3m05s, 1h02m */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
