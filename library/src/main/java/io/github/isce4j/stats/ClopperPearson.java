package io.github.isce4j.stats;

/**
 * The exact (Clopper-Pearson) confidence interval of a proportion from k successes in n trials: the
 * set of p for which neither binomial tail at k is below (1 − level) / 2. Its ends are quantiles of
 * beta distributions, low = B⁻¹(α/2; k, n − k + 1) and high = B⁻¹(1 − α/2; k + 1, n − k), with 0 for
 * k = 0 and 1 for k = n. It never undercovers, so it is wider than approximate intervals.
 */
public final class ClopperPearson {

    /** The confidence level the report uses. */
    public static final double LEVEL = 0.95;

    private ClopperPearson() {}

    /**
     * @param k successes, 0 ≤ k ≤ n
     * @param n trials, ≥ 1
     * @return the 95 % interval of the success probability, in [0, 1]
     * @throws IllegalArgumentException when k or n is out of range
     */
    public static Interval interval(long k, long n) {
        return interval(k, n, LEVEL);
    }

    /**
     * @param k successes, 0 ≤ k ≤ n
     * @param n trials, ≥ 1
     * @param level the confidence level, in (0, 1)
     * @return the interval of the success probability, in [0, 1]
     * @throws IllegalArgumentException when an argument is out of range
     */
    public static Interval interval(long k, long n, double level) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("a proportion needs 0 <= k <= n and n >= 1, got " + k + " of " + n);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("a confidence level is in (0, 1), got " + level);
        }
        double alpha = 1 - level;
        double low = k == 0 ? 0 : Beta.inverse(alpha / 2, k, n - k + 1);
        double high = k == n ? 1 : Beta.inverse(1 - alpha / 2, k + 1, n - k);
        return new Interval(low, high);
    }
}
