package io.github.isce4j.reproduce;

import io.github.isce4j.stats.Interval;

/**
 * The verdict rule of docs/reproduce.md: a number is matched when ours is within 1 point (clean
 * accuracy) or 5 points (robust accuracy) of the paper's; a claimed difference D is reproduced when
 * ours is at least D − 5 points, partly when it has D's sign and is at least 5 points, not
 * reproduced otherwise. All values are in percentage points. A difference measured with an
 * interval gets a verdict when both ends of the interval give it, inconclusive when they do not.
 */
public enum Verdict {
    /** Our number is within the tolerance of the paper's. */
    MATCHED("matched"),
    /** Our number is further from the paper's than the tolerance. */
    NOT_MATCHED("not matched"),
    /** Our difference is at least the claimed difference D − 5 points. */
    REPRODUCED("reproduced"),
    /** Our difference falls short of D − 5 points but has D's sign and is at least 5 points. */
    PARTLY("partly"),
    /** Our difference is neither reproduced nor partly reproduced. */
    NOT_REPRODUCED("not reproduced"),
    /** The two ends of our difference's interval give different verdicts. */
    INCONCLUSIVE("inconclusive"),
    /** The cells it rests on were not run (another --only, or a failed cell). */
    NOT_MEASURED("not measured"),
    /** A model it rests on is below its convergence bar ({@link Convergence}): the numbers cannot judge it. */
    NOT_TESTED("not tested at this budget");

    /** Tolerance of a clean accuracy, points. */
    public static final double CLEAN_TOLERANCE = 1;
    /** Tolerance of a robust accuracy and of a claimed difference, points. */
    public static final double ROBUST_TOLERANCE = 5;

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** @return how the report prints it */
    public String word() {
        return word;
    }

    /**
     * @param ours our accuracy, points
     * @param paper the paper's, points
     * @param clean whether it is a clean accuracy (1-point tolerance) or a robust one (5)
     * @return matched or not matched; not measured when ours is NaN
     */
    public static Verdict ofNumber(double ours, double paper, boolean clean) {
        if (Double.isNaN(ours)) {
            return NOT_MEASURED;
        }
        return Math.abs(ours - paper) <= (clean ? CLEAN_TOLERANCE : ROBUST_TOLERANCE) ? MATCHED : NOT_MATCHED;
    }

    /**
     * @param measured our difference, points
     * @param claimed the paper's difference D, points; 0 for "is the best" claims, where only the
     *     first rule can hold
     * @return reproduced, partly or not reproduced; not measured when ours is NaN
     */
    public static Verdict ofClaim(double measured, double claimed) {
        if (Double.isNaN(measured)) {
            return NOT_MEASURED;
        }
        if (measured >= claimed - ROBUST_TOLERANCE) {
            return REPRODUCED;
        }
        boolean sameSign = Math.signum(measured) == Math.signum(claimed) && claimed != 0;
        return sameSign && Math.abs(measured) >= ROBUST_TOLERANCE ? PARTLY : NOT_REPRODUCED;
    }

    /**
     * The rule applied to an interval. {@link #ofClaim(double, double)} is monotone in the measured
     * value (each verdict holds on one stretch of it), so when both ends agree every value between
     * them gives the same verdict.
     *
     * @param measured our difference's interval, points
     * @param claimed the paper's difference D, points
     * @return the verdict both ends give, or inconclusive when they differ
     */
    public static Verdict ofClaim(Interval measured, double claimed) {
        return agreed(ofClaim(measured.low(), claimed), ofClaim(measured.high(), claimed));
    }

    /**
     * @param low the verdict at an interval's lower end
     * @param high the verdict at its upper end
     * @return that verdict when they agree, inconclusive otherwise
     */
    static Verdict agreed(Verdict low, Verdict high) {
        return low == high ? low : INCONCLUSIVE;
    }
}
