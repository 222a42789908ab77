package io.github.isce4j.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Loads each real dataset split at most once per test JVM, since reading CIFAR-10 costs
 * seconds, and finds the shared data the way the brief asks: ISCE4J_DATA, then ../shared/data.
 */
public final class TestData {

    private static final Map<DatasetName, Map<Split, ImageSet>> CACHE = new EnumMap<>(DatasetName.class);

    private TestData() {}

    /** MNIST from the copy inside the jar only, so the test checks the shipped files. */
    static DataLocator embeddedOnly() {
        return new DataLocator(List.of(), true);
    }

    /** ISCE4J_DATA (if set), then ../shared/data (if present); no embedded fallback. */
    public static DataLocator shared() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv(DataLocator.ENV);
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        sharedData().ifPresent(dirs::add);
        return new DataLocator(dirs, false);
    }

    /**
     * The project's shared data folder, {@code ../shared/data} relative to the working directory,
     * where the development machines keep Fashion-MNIST and CIFAR-10 (a test-only convention).
     *
     * @return the folder, if it exists
     */
    static Optional<Path> sharedData() {
        Path shared = Path.of("..", "shared", "data").toAbsolutePath().normalize();
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
    }

    /** Skips the calling test, with a visible reason, when the dataset is not available. */
    public static void assumeShared(DatasetName dataset) {
        DataLocator locator = shared();
        boolean present = locator.locate(dataset, Split.TRAIN).isPresent()
                && locator.locate(dataset, Split.TEST).isPresent();
        assumeTrue(
                present,
                () -> dataset.title() + " not found (" + envState() + "; "
                        + sharedState() + "; searched " + locator.directories()
                        + "); skipping the tests that need it");
    }

    private static String envState() {
        String env = System.getenv(DataLocator.ENV);
        return env == null || env.isBlank() ? DataLocator.ENV + " is not set" : DataLocator.ENV + "=" + env;
    }

    private static String sharedState() {
        Path shared = Path.of("..", "shared", "data").toAbsolutePath().normalize();
        return sharedData().isPresent()
                ? "../shared/data is " + shared
                : "../shared/data (" + shared + ") does not exist";
    }

    /** The embedded MNIST split, loaded once. */
    static synchronized ImageSet mnist(Split split) {
        return CACHE.computeIfAbsent(DatasetName.MNIST, d -> new EnumMap<>(Split.class))
                .computeIfAbsent(split, s -> embeddedOnly().load(DatasetName.MNIST, s));
    }

    /** A shared split, loaded once; skips the test when the data is absent. */
    static synchronized ImageSet shared(DatasetName dataset, Split split) {
        assumeShared(dataset);
        return CACHE.computeIfAbsent(dataset, d -> new EnumMap<>(Split.class))
                .computeIfAbsent(split, s -> shared().load(dataset, s));
    }

    /** The bytes of an embedded MNIST file as shipped (gzip). */
    static byte[] embeddedMnistFile(String name) {
        try (InputStream in = TestData.class.getResourceAsStream(SourceFile.EMBEDDED_MNIST + name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decompressed bytes of an embedded MNIST file. */
    static byte[] embeddedMnistUnzipped(String name) {
        try (InputStream in =
                new GZIPInputStream(TestData.class.getResourceAsStream(SourceFile.EMBEDDED_MNIST + name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gzips bytes (with Java's own encoder, so the result differs from the official file). */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return how many labels of each class */
    static int[] classCounts(ImageSet set) {
        int[] counts = new int[set.dataset().numClasses()];
        for (int label : set.labels()) {
            counts[label]++;
        }
        return counts;
    }

    /** @return the sum of all pixel bytes, recovered from the float view */
    static long byteSum(ImageSet set) {
        long sum = 0;
        int chunk = 1_000;
        for (int from = 0; from < set.size(); from += chunk) {
            for (float v : set.pixels(from, Math.min(set.size(), from + chunk))) {
                sum += Math.round(v * 255f);
            }
        }
        return sum;
    }
}
