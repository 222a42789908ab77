package io.github.isce4j.stats;

import java.util.Locale;

/**
 * A closed interval of a statistic's plausible values, e.g. a 95 % confidence interval.
 *
 * @param low its lower end
 * @param high its upper end, not below {@code low}
 */
public record Interval(double low, double high) {

    /**
     * Checks the ends.
     *
     * @param low its lower end
     * @param high its upper end
     * @throws IllegalArgumentException when an end is NaN or {@code high < low}
     */
    public Interval {
        if (Double.isNaN(low) || Double.isNaN(high) || high < low) {
            throw new IllegalArgumentException("an interval needs low <= high, got [" + low + ", " + high + "]");
        }
    }

    /**
     * @param factor a positive factor, e.g. 100 for fractions as percent
     * @return both ends multiplied by it
     */
    public Interval times(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("an interval scales by a positive factor, got " + factor);
        }
        return new Interval(low * factor, high * factor);
    }

    /**
     * @param value a number
     * @return whether it lies in the interval, ends included
     */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /**
     * @param format a {@link String#format} pattern for one end, e.g. {@code %.1f}
     * @return the ends in brackets, e.g. "[40.8, 49.7]"
     */
    public String format(String format) {
        return "[" + String.format(Locale.ROOT, format, low) + ", " + String.format(Locale.ROOT, format, high) + "]";
    }
}
