package io.github.isce4j.stats;

import java.util.List;
import java.util.stream.Stream;

/**
 * A number computed from per-image 0/1 outcomes on one or more test sets: an {@link Accuracy} leaf,
 * or a {@link Difference}, {@link Extreme} (largest or smallest) or {@link Median} of statistics. It
 * gives its value on the measured images, and on any resample of them, which is all
 * {@link Bootstrap} needs for its interval; a statistic is described once and gets both.
 */
public sealed interface Statistic permits Accuracy, Difference, Extreme, Median {

    /** @return the statistic on the images as measured */
    double value();

    /**
     * @param resample which images each test set is made of in one bootstrap replicate
     * @return the statistic on those images
     */
    double on(Resample resample);

    /** @return the accuracies it is computed from, each test set as often as it is used */
    Stream<Accuracy> leaves();

    /**
     * @param a the minuend
     * @param b the subtrahend
     * @return a − b
     */
    static Statistic difference(Statistic a, Statistic b) {
        return new Difference(a, b);
    }

    /**
     * @param parts at least one statistic
     * @return the largest of them
     */
    static Statistic max(List<? extends Statistic> parts) {
        return new Extreme(Extreme.End.LARGEST, new java.util.ArrayList<>(parts));
    }

    /**
     * @param parts at least one statistic
     * @return the smallest of them
     */
    static Statistic min(List<? extends Statistic> parts) {
        return new Extreme(Extreme.End.SMALLEST, new java.util.ArrayList<>(parts));
    }

    /**
     * @param parts at least one statistic
     * @return their median (the mean of the middle two for an even count)
     */
    static Statistic median(List<? extends Statistic> parts) {
        return new Median(new java.util.ArrayList<>(parts));
    }
}
