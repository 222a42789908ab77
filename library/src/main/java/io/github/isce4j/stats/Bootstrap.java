package io.github.isce4j.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The paired percentile bootstrap over images: each replicate draws every test set's images with
 * replacement (as many as it has, each test set independently, all statistics of a test set on the
 * same draw) and computes the statistic on them; the interval's ends are the replicates'
 * (1 − level) / 2 and (1 + level) / 2 quantiles (linear between order statistics). The draws come
 * from {@link java.util.Random} with a fixed seed, test sets in name order, so the interval is the
 * same on every run and machine.
 */
public final class Bootstrap {

    /** Replicates the report uses. */
    public static final int REPLICATES = 2_000;
    /** The seed the report uses. */
    public static final long SEED = 0;
    /** The confidence level the report uses. */
    public static final double LEVEL = 0.95;

    private Bootstrap() {}

    /**
     * @param statistic what to resample
     * @return its 95 % interval from {@link #REPLICATES} replicates drawn with seed {@link #SEED}
     * @throws IllegalArgumentException when two accuracies of one test set differ in their image count
     */
    public static Interval interval(Statistic statistic) {
        return interval(statistic, REPLICATES, SEED, LEVEL);
    }

    /**
     * @param statistic what to resample
     * @param replicates how many replicates, ≥ 2
     * @param seed seeds the draws
     * @param level the confidence level, in (0, 1)
     * @return the percentile interval
     * @throws IllegalArgumentException when an argument is out of range, or when two accuracies of
     *     one test set differ in their image count
     */
    public static Interval interval(Statistic statistic, int replicates, long seed, double level) {
        if (replicates < 2 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException(
                    "a bootstrap needs >= 2 replicates and a level in (0, 1), got " + replicates + " and " + level);
        }
        Map<String, Integer> sizes = testSets(statistic);
        Map<String, int[]> drawn = new HashMap<>();
        sizes.forEach((set, n) -> drawn.put(set, new int[n]));
        Resample resample = new Resample(drawn);
        Random random = new Random(seed);
        double[] values = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            for (Map.Entry<String, Integer> set : sizes.entrySet()) {
                int[] d = drawn.get(set.getKey());
                for (int i = 0; i < d.length; i++) {
                    d[i] = random.nextInt(set.getValue());
                }
            }
            values[b] = statistic.on(resample);
        }
        Arrays.sort(values);
        return new Interval(quantile(values, (1 - level) / 2), quantile(values, (1 + level) / 2));
    }

    /** @return each test set's image count, in name order */
    private static Map<String, Integer> testSets(Statistic statistic) {
        Map<String, Integer> sizes = new TreeMap<>();
        statistic.leaves().forEach(a -> {
            Integer before = sizes.putIfAbsent(a.testSet(), a.images());
            if (before != null && before != a.images()) {
                throw new IllegalArgumentException("test set " + a.testSet() + " has " + before + " images in one "
                        + "accuracy and " + a.images() + " in another");
            }
        });
        return sizes;
    }

    /** @return the p quantile of sorted values, linear between the order statistics around (n − 1) p */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
