package io.github.isce4j.reproduce;

/**
 * The verdict rule of docs/reproduce.md: a number is matched when ours is within 1 point (clean
 * accuracy) or 5 points (robust accuracy) of the paper's; a claimed difference D is reproduced when
 * ours is at least D − 5 points, partly when it has D's sign and is at least 5 points, not
 * reproduced otherwise. All values are in percentage points.
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
}
