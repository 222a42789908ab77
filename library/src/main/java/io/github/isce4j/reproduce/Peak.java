package io.github.isce4j.reproduce;

/**
 * Where accuracies over increasing training sizes peak, and how far they fall from there to the
 * largest size (claim 5c and Fig. 7).
 *
 * @param at the index of the first highest accuracy; -1 when any is not measured
 * @param fall points from the peak to the largest size; NaN when not measured
 * @param sizes how many sizes
 */
record Peak(int at, double fall, int sizes) {

    /** @return the peak of accuracies in increasing size order */
    static Peak of(double[] accuracies) {
        int at = 0;
        for (int i = 0; i < accuracies.length; i++) {
            if (Double.isNaN(accuracies[i])) {
                return new Peak(-1, Double.NaN, accuracies.length);
            }
            at = accuracies[i] > accuracies[at] ? i : at;
        }
        return new Peak(at, accuracies[at] - accuracies[accuracies.length - 1], accuracies.length);
    }

    /**
     * @return reproduced when the peak is inside the range (neither the smallest nor the largest
     *     size) and the accuracy falls from it by at least 5 points; partly when it falls at all
     *     (a peak at the smallest size, or a fall under 5 points); not reproduced when the largest
     *     size is the most robust
     */
    Verdict verdict() {
        return verdict(fall);
    }

    /**
     * @param interval the fall's interval, points (the peak where the measured accuracies put it)
     * @return the verdict both ends of the interval give, inconclusive when they differ
     */
    Verdict verdict(io.github.isce4j.stats.Interval interval) {
        return Verdict.agreed(verdict(interval.low()), verdict(interval.high()));
    }

    private Verdict verdict(double fall) {
        if (Double.isNaN(fall)) {
            return Verdict.NOT_MEASURED;
        }
        boolean inside = at > 0 && at < sizes - 1;
        return inside && fall >= Verdict.ROBUST_TOLERANCE
                ? Verdict.REPRODUCED
                : fall > 0 ? Verdict.PARTLY : Verdict.NOT_REPRODUCED;
    }
}
