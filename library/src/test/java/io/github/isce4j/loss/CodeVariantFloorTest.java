package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The code variant caps the boosted entry at 1 and leaves the other entries on the unit sphere,
 * so its loss has a floor (docs/method.md §1: about 1.35 for K = 10).
 *
 * <p>For s = 1, m = 0.1 the floor is reached at t_y = 1 − m = 0.9 with the other nine entries
 * equal and negative: L* = log(1 + 9·exp(−√(0.19/9) − 1)) ≈ 1.3515.
 *
 * <p>For any s &gt; 0, m ≥ 0: when y is the boosted (predicted) class, o_y ≤ 1 and the other
 * nine entries have norm ≤ 1, so by convexity L ≥ log(1 + 9·exp(−1 − 1/3)) ≈ 1.2156, reached
 * when s·m ≥ 1 at t_y = 0; when y is not the predicted class the loss is larger still (above 1.5).
 * The trivial bound from o ∈ [−1, 1] alone would be log(1 + 9·e^−2) ≈ 0.80.
 */
class CodeVariantFloorTest {

    private static final int K = 10;

    /** log(1 + 9·exp(−1 − 1/3)): the floor over every s &gt; 0 and m ≥ 0. */
    private static final double ANY_SETTING_FLOOR = Math.log(1 + (K - 1) * Math.exp(-1 - 1 / Math.sqrt(K - 1)));

    private static final double OTHER = -Math.sqrt(0.19 / (K - 1));

    /** The closed-form floor for s = 1, m = 0.1, K = 10. */
    private static final double FLOOR = Math.log(1 + (K - 1) * Math.exp(OTHER - 1));

    private static final InferenceSoftmaxCrossEntropy DEFAULT_CODE =
            InferenceSoftmaxCrossEntropy.builder().optVariant(IsceVariant.CODE).build();

    @Property(tries = 500)
    void lossIsNeverBelowTheFloorForAnySetting(
            @ForAll("logits") double[] z,
            @ForAll @IntRange(min = 0, max = K - 1) int y,
            @ForAll @DoubleRange(min = 0.01, max = 20) double s,
            @ForAll @DoubleRange(min = 0, max = 5) double m) {
        InferenceSoftmaxCrossEntropy loss = InferenceSoftmaxCrossEntropy.builder()
                .optVariant(IsceVariant.CODE)
                .optScale(s)
                .optMargin(m)
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new double[][] {z});
            double value =
                    loss.perExample(logits, manager.create(new long[] {y})).getDouble(0);
            assertThat(value).isGreaterThanOrEqualTo(ANY_SETTING_FLOOR - 1e-12);
            assertThat(value).isGreaterThan(Math.log(1 + (K - 1) * Math.exp(-2)));
        }
    }

    @Provide
    Arbitrary<double[]> logits() {
        return Arbitraries.doubles()
                .between(-1e3, 1e3)
                .withSpecialValue(0)
                .array(double[].class)
                .ofSize(K);
    }

    @Test
    void theClosedFormMinimiserReachesTheFloor() {
        assertThat(FLOOR).isCloseTo(1.3515, within(1e-4));
        try (NDManager manager = NDManager.newBaseManager()) {
            double value = loss(manager, new double[][] {minimiser()}, new long[] {0})[0];
            assertThat(value).isCloseTo(FLOOR, within(1e-12));
        }
    }

    @Test
    void theFloorForAnySettingIsReachedWhenScaleTimesMarginIsAtLeastOne() {
        assertThat(ANY_SETTING_FLOOR).isCloseTo(1.2156, within(1e-4));
        InferenceSoftmaxCrossEntropy loss = InferenceSoftmaxCrossEntropy.builder()
                .optVariant(IsceVariant.CODE)
                .optScale(2)
                .optMargin(0.5)
                .build();
        double[] z = new double[K];
        Arrays.fill(z, -1 / Math.sqrt(K - 1));
        z[0] = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new double[][] {z});
            double value =
                    loss.perExample(logits, manager.create(new long[] {0})).getDouble(0);
            assertThat(value).isCloseTo(ANY_SETTING_FLOOR, within(1e-12));
        }
    }

    @Test
    void nothingNearTheMinimiserOrAtRandomGoesBelowTheFloor() {
        Random random = new Random(42);
        int n = 2000;
        double[][] z = new double[n][K];
        long[] y = new long[n];
        double[] best = minimiser();
        for (int i = 0; i < n; i++) {
            double size = i < n / 2 ? Math.pow(10, -1 - 3 * random.nextDouble()) : 3;
            for (int k = 0; k < K; k++) {
                z[i][k] = (i < n / 2 ? best[k] : 0) + size * random.nextGaussian();
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(min(loss(manager, z, y))).isGreaterThan(FLOOR);
        }
    }

    @Test
    void gradientDescentOnTheLogitsConvergesToTheFloorAndNotBelow() {
        Random random = new Random(7);
        int n = 32;
        double[][] z = new double[n][K];
        long[] y = Reference.randomLabels(random, n, K);
        for (double[] row : z) {
            for (int k = 0; k < K; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[] values = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.create(y);
            for (int step = 0; step < 400; step++) {
                double[] grad = GradientCheck.autograd(
                        manager, x -> DEFAULT_CODE.perExample(x, labels).sum(), z);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < K; k++) {
                        z[i][k] -= 0.5 * grad[i * K + k];
                    }
                }
            }
            values = loss(manager, z, y);
        }
        assertThat(min(values)).isGreaterThanOrEqualTo(FLOOR - 1e-9);
        assertThat(Arrays.stream(values).max().getAsDouble()).isLessThan(FLOOR + 0.02);
    }

    /** z = (0.9, −√(0.19/9), …): unit norm, label 0, boosted entry exactly at the clip point. */
    private static double[] minimiser() {
        double[] z = new double[K];
        Arrays.fill(z, OTHER);
        z[0] = 0.9;
        return z;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().getAsDouble();
    }

    private static double[] loss(NDManager manager, double[][] z, long[] y) {
        try (NDManager scope = manager.newSubManager()) {
            return DEFAULT_CODE.perExample(scope.create(z), scope.create(y)).toDoubleArray();
        }
    }
}
