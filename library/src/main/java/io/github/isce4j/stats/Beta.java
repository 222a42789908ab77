package io.github.isce4j.stats;

/**
 * The regularized incomplete beta function I_x(a, b), the distribution function of a Beta(a, b)
 * variable, and its inverse in x. I_x is evaluated by its continued fraction (modified Lentz), on
 * the side of the mean where the fraction converges fast; the inverse by bisection, I_x being
 * increasing in x.
 */
public final class Beta {

    /** Below this the continued fraction's partial values are nudged off zero. */
    private static final double TINY = 1e-300;
    /** The continued fraction stops when a step changes it by less than this, relatively. */
    private static final double EPSILON = 1e-15;
    /** Far more terms than the fraction needs for the a, b of any test set. */
    private static final int MAX_TERMS = 100_000;
    /** Stirling's series is accurate to double precision from here; smaller arguments are shifted. */
    private static final double STIRLING_FROM = 15;

    private Beta() {}

    /**
     * @param x where, in [0, 1]
     * @param a first shape, &gt; 0
     * @param b second shape, &gt; 0
     * @return I_x(a, b), the probability that a Beta(a, b) variable is at most x
     * @throws IllegalArgumentException when an argument is out of range
     */
    public static double regularized(double x, double a, double b) {
        if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
            throw new IllegalArgumentException(
                    "the incomplete beta function needs x in [0, 1] and finite a, b > 0, got x = " + x + ", a = " + a
                            + ", b = " + b);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        // the fraction converges fast below the mean (a + 1) / (a + b + 2); above it, by symmetry
        return x < (a + 1) / (a + b + 2) ? fraction(x, a, b) : 1 - fraction(1 - x, b, a);
    }

    /**
     * @param p a probability in [0, 1]
     * @param a first shape, &gt; 0
     * @param b second shape, &gt; 0
     * @return the x in [0, 1] with I_x(a, b) = p, to double precision
     * @throws IllegalArgumentException when an argument is out of range
     */
    public static double inverse(double p, double a, double b) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("the inverse beta function needs p in [0, 1], got " + p);
        }
        double low = 0;
        double high = 1;
        while (true) {
            double mid = (low + high) / 2;
            if (mid <= low || mid >= high) {
                return mid;
            }
            if (regularized(mid, a, b) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
    }

    /**
     * x^a (1 − x)^b / (a B(a, b)) divided by the continued fraction 1 + d1 / (1 + d2 / (1 + …)),
     * d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)), d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
     */
    private static double fraction(double x, double a, double b) {
        double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b)) / a;
        double f = 1;
        double c = 1;
        double d = 0;
        for (int j = 1; j <= MAX_TERMS; j++) {
            int m = j / 2;
            double term = j % 2 == 1
                    ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                    : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = nudged(1 + term * d);
            c = nudged(1 + term / c);
            d = 1 / d;
            double step = c * d;
            f *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return front / f;
            }
        }
        throw new IllegalStateException(
                "the incomplete beta fraction did not converge at x = " + x + ", a = " + a + ", b = " + b);
    }

    private static double nudged(double v) {
        return Math.abs(v) < TINY ? TINY : v;
    }

    /** @return ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) */
    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /**
     * ln Γ(x) for x &gt; 0: Stirling's series (x − ½) ln x − x + ½ ln 2π + Σ B_2k / (2k (2k − 1) x^(2k−1))
     * from {@link #STIRLING_FROM} on, below it shifted up by Γ(x + 1) = x Γ(x).
     */
    static double logGamma(double x) {
        double shift = 0;
        while (x < STIRLING_FROM) {
            shift += Math.log(x);
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv
                * (1.0 / 12
                        + inv2
                                * (-1.0 / 360
                                        + inv2
                                                * (1.0 / 1260
                                                        + inv2
                                                                * (-1.0 / 1680
                                                                        + inv2
                                                                                * (1.0 / 1188
                                                                                        - inv2 * 691.0 / 360360)))));
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
    }
}
