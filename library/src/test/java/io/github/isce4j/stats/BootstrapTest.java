package io.github.isce4j.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static boolean[] outcomes(int n, int... ones) {
        boolean[] o = new boolean[n];
        for (int i : ones) {
            o[i] = true;
        }
        return o;
    }

    /** The first {@code k} of n images have outcome 1. */
    private static boolean[] first(int n, int k) {
        boolean[] o = new boolean[n];
        for (int i = 0; i < k; i++) {
            o[i] = true;
        }
        return o;
    }

    @Test
    void identicalOutcomesDifferByExactlyZero() {
        boolean[] a = outcomes(50, 1, 4, 9, 16, 25, 36, 49);
        Interval ci = Bootstrap.interval(Statistic.difference(new Accuracy("t", a), new Accuracy("t", a)));
        assertEquals(new Interval(0, 0), ci);
    }

    /**
     * Two methods agree on every image but 20 of 400, where the first is right: the true difference
     * is 5 points. Paired, every replicate's difference is >= 0 and the interval is narrow; the same
     * vectors as two unrelated test sets give a much wider interval around the same value.
     */
    @Test
    void pairedDifferenceIsNarrowerThanUnpaired() {
        boolean[] a = first(400, 220);
        boolean[] b = first(400, 200);
        Statistic paired = Statistic.difference(new Accuracy("t", a), new Accuracy("t", b));
        Statistic unpaired = Statistic.difference(new Accuracy("t1", a), new Accuracy("t2", b));
        assertEquals(0.05, paired.value(), 1e-15);
        Interval p = Bootstrap.interval(paired);
        Interval u = Bootstrap.interval(unpaired);
        assertTrue(p.contains(0.05) && u.contains(0.05), p + " " + u);
        assertTrue(p.low() >= 0, p.toString());
        // paired: sd of the mean of 400 draws of a 0/1 with p = 0.05 is 1.09 points, the 95 % half-width about 2.1
        assertTrue(p.high() - p.low() < 0.05, p.toString());
        // unpaired: about sqrt(2 * 0.25 / 400) * 1.96 = 6.9 points either side
        assertTrue(u.high() - u.low() > 2.5 * (p.high() - p.low()), p + " " + u);
        assertTrue(u.low() < 0, u.toString());
    }

    /** One accuracy's percentile interval is close to the normal approximation 1.96 sqrt(p (1 - p) / n). */
    @Test
    void oneAccuracyHasTheBinomialWidth() {
        Interval ci = Bootstrap.interval(new Accuracy("t", first(400, 200)));
        assertEquals(0.5 - 0.049, ci.low(), 0.006, ci.toString());
        assertEquals(0.5 + 0.049, ci.high(), 0.006, ci.toString());
    }

    @Test
    void sameSeedSameIntervalAnotherSeedAnother() {
        Statistic s = Statistic.difference(new Accuracy("t", first(100, 60)), new Accuracy("u", first(80, 30)));
        assertEquals(Bootstrap.interval(s), Bootstrap.interval(s));
        Interval other = Bootstrap.interval(s, Bootstrap.REPLICATES, 1, Bootstrap.LEVEL);
        assertTrue(!other.equals(Bootstrap.interval(s)), other.toString());
    }

    @Test
    void maxMinAndMedianOfHandMadeAccuracies() {
        List<Statistic> four = List.of(
                new Accuracy("t", first(10, 1)),
                new Accuracy("t", first(10, 2)),
                new Accuracy("t", first(10, 3)),
                new Accuracy("t", first(10, 10)));
        assertEquals(1.0, Statistic.max(four).value(), 1e-15);
        assertEquals(0.1, Statistic.min(four).value(), 1e-15);
        assertEquals(0.25, Statistic.median(four).value(), 1e-15);
        assertEquals(0.2, Statistic.median(four.subList(0, 3)).value(), 1e-15);
        // the all-correct accuracy is 1 on every resample, so is the max
        assertEquals(new Interval(1, 1), Bootstrap.interval(Statistic.max(four)));
        // nested images: the 1-of-10 accuracy is never above the others, so the min is it on every resample
        assertEquals(Bootstrap.interval(four.get(0)), Bootstrap.interval(Statistic.min(four)));
        // ours minus the best rival, an always-correct one: the interval is ours shifted down by 1, all below 0
        Interval gap = Bootstrap.interval(Statistic.difference(four.get(1), Statistic.max(four.subList(2, 4))));
        Interval ours = Bootstrap.interval(four.get(1));
        assertEquals(ours.low() - 1, gap.low(), 1e-12);
        assertEquals(ours.high() - 1, gap.high(), 1e-12);
        assertTrue(gap.high() < 0, gap.toString());
    }

    @Test
    void refusesOneTestSetOfTwoSizes() {
        Statistic s = Statistic.difference(new Accuracy("t", first(10, 1)), new Accuracy("t", first(11, 1)));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.interval(s));
        assertThrows(IllegalArgumentException.class, () -> new Accuracy("t", new boolean[0]));
        assertThrows(IllegalArgumentException.class, () -> Statistic.median(List.of()));
    }
}
