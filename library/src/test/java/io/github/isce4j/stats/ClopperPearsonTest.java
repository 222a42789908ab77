package io.github.isce4j.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClopperPearsonTest {

    /** The published 95 % intervals (to the hundredth of a point) for 0, 25 and 50 of 50. */
    @Test
    void knownIntervalsOfFiftyImages() {
        assertInterval(ClopperPearson.interval(0, 50), 0, 0.0711);
        assertInterval(ClopperPearson.interval(25, 50), 0.3553, 0.6447);
        assertInterval(ClopperPearson.interval(50, 50), 0.9289, 1);
        // k = 0 and k = n have a closed form: 1 - (alpha / 2)^(1 / n)
        assertEquals(
                1 - Math.pow(0.025, 1.0 / 50), ClopperPearson.interval(0, 50).high(), 1e-12);
        assertEquals(Math.pow(0.025, 1.0 / 50), ClopperPearson.interval(50, 50).low(), 1e-12);
    }

    /** Both ends agree with exact binomial tail sums inverted independently, to 1e-9. */
    @Test
    void endsAreWhereTheBinomialTailsAreAlphaHalf() {
        int[][] cases = {{0, 50}, {1, 50}, {7, 50}, {25, 50}, {49, 50}, {50, 50}, {3, 10}, {226, 500}, {999, 1000}};
        for (int[] c : cases) {
            int k = c[0];
            int n = c[1];
            Interval ci = ClopperPearson.interval(k, n);
            double low = k == 0 ? 0 : solve(p -> upperTail(k, n, p) - 0.025, true);
            double high = k == n ? 1 : solve(p -> lowerTail(k, n, p) - 0.025, false);
            assertEquals(low, ci.low(), 1e-9, k + " of " + n);
            assertEquals(high, ci.high(), 1e-9, k + " of " + n);
        }
    }

    @Test
    void incompleteBetaKnownValues() {
        assertEquals(0.3, Beta.regularized(0.3, 1, 1), 1e-14);
        assertEquals(Math.pow(0.7, 4), Beta.regularized(0.7, 4, 1), 1e-14);
        assertEquals(0.5, Beta.regularized(0.5, 37, 37), 1e-13);
        // I_x(2, 2) = 3x^2 - 2x^3
        assertEquals(3 * 0.2 * 0.2 - 2 * 0.008, Beta.regularized(0.2, 2, 2), 1e-14);
        assertEquals(0.25, Beta.inverse(Beta.regularized(0.25, 3.5, 9), 3.5, 9), 1e-12);
        assertEquals(Math.log(362_880), Beta.logGamma(10), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), Beta.logGamma(0.5), 1e-13);
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(3, 2));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(0, 0));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(-1, 5));
    }

    private static void assertInterval(Interval ci, double low, double high) {
        assertEquals(low, ci.low(), 5e-5, ci.toString());
        assertEquals(high, ci.high(), 5e-5, ci.toString());
    }

    /** P(X >= k) for X ~ Binomial(n, p), by summing the probabilities term by term. */
    private static double upperTail(int k, int n, double p) {
        return sum(k, n, n, p);
    }

    /** P(X <= k) for X ~ Binomial(n, p). */
    private static double lowerTail(int k, int n, double p) {
        return sum(0, k, n, p);
    }

    /** P(from <= X <= to), each term C(n, j) p^j (1 - p)^(n - j) in logarithms so that none underflows. */
    private static double sum(int from, int to, int n, double p) {
        double logChoose = 0;
        double sum = 0;
        for (int j = 0; j <= to; j++) {
            if (j >= from) {
                sum += Math.exp(logChoose + j * Math.log(p) + (n - j) * Math.log1p(-p));
            }
            logChoose += Math.log((double) (n - j) / (j + 1));
        }
        return sum;
    }

    /** The root in (0, 1) of a function increasing (or, when not, decreasing) in p, by bisection. */
    private static double solve(java.util.function.DoubleUnaryOperator f, boolean increasing) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if ((f.applyAsDouble(mid) < 0) == increasing) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
