package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Values, gradients and the deployed output of I-SCE against the float64 {@link Reference}. */
class InferenceSoftmaxCrossEntropyTest {

    private static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    /** Every variant × (s, m) × K combination the values and gradients are checked on. */
    static Stream<Arguments> settings() {
        List<Arguments> all = new ArrayList<>();
        double[][] scaleMargin = {{1, 0.1}, {2, 0.5}, {0.5, 0}};
        for (IsceVariant variant : IsceVariant.values()) {
            for (double[] sm : scaleMargin) {
                for (int k : new int[] {2, 10, 100}) {
                    all.add(Arguments.of(variant, sm[0], sm[1], k));
                }
            }
        }
        return all.stream();
    }

    private static InferenceSoftmaxCrossEntropy isce(IsceVariant variant, double s, double m) {
        return InferenceSoftmaxCrossEntropy.builder()
                .optVariant(variant)
                .optScale(s)
                .optMargin(m)
                .build();
    }

    private static double[] asDoubles(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @ParameterizedTest(name = "{0} s={1} m={2} K={3}")
    @MethodSource("settings")
    void lossMatchesFloat64Reference(IsceVariant variant, double s, double m, int k) {
        Random random = new Random(Double.hashCode(s * 31 + m) + k + variant.ordinal());
        int n = 32;
        float[][] z = Reference.randomLogits(random, n, k, 3);
        long[] y = Reference.randomLabels(random, n, k);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Reference.isce(Reference.row(z, i), (int) y[i], s, m, variant);
        }
        InferenceSoftmaxCrossEntropy loss = isce(variant, s, m);
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = batch.create(z);
            NDArray labels = batch.create(y);
            double mean = loss.evaluate(new NDList(labels), new NDList(logits)).getFloat();
            double[] perExample = asDoubles(loss.perExample(logits, labels));
            assertThat(perExample).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(perExample[i])
                        .as("example %d", i)
                        .isCloseTo(expected[i], within(1e-5 * Math.max(1, expected[i])));
            }
            double ref = Reference.mean(expected);
            assertThat(mean).isCloseTo(ref, within(1e-5 * ref));
        }
    }

    @ParameterizedTest(name = "{0} s={1} m={2} K={3}")
    @MethodSource("settings")
    void boostedAndDeployedLogitsMatchFloat64Reference(IsceVariant variant, double s, double m, int k) {
        Random random = new Random(97 + k);
        int n = 16;
        float[][] z = Reference.randomLogits(random, n, k, 2);
        long[] c = Reference.randomLabels(random, n, k);
        InferenceSoftmaxCrossEntropy loss = isce(variant, s, m);
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = batch.create(z);
            double[] boosted = asDoubles(loss.boostedLogits(logits, batch.create(c)));
            double[] deployed = asDoubles(loss.deployedLogits(logits));
            for (int i = 0; i < n; i++) {
                double[] zi = Reference.row(z, i);
                double[] boostedRef = Reference.boosted(zi, (int) c[i], s, m, variant);
                double[] deployedRef = Reference.deployed(zi, s, m, variant);
                for (int j = 0; j < k; j++) {
                    assertThat(boosted[i * k + j]).isCloseTo(boostedRef[j], within(1e-6));
                    assertThat(deployed[i * k + j]).isCloseTo(deployedRef[j], within(1e-6));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} s={1} m={2} K={3}")
    @MethodSource("settings")
    void gradientMatchesFiniteDifferences(IsceVariant variant, double s, double m, int k) {
        Random random = new Random(1234 + k);
        int n = 3;
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = awayFromKinks(random, k, s, m);
        }
        long[] y = Reference.randomLabels(random, n, k);
        y[0] = Reference.argmax(z[0]); // one example where the label is the predicted class
        InferenceSoftmaxCrossEntropy loss = isce(variant, s, m);
        try (NDManager scope = manager.newSubManager()) {
            NDArray labels = scope.create(y);
            double[] autograd = GradientCheck.autograd(scope, x -> loss.evaluate(new NDList(labels), new NDList(x)), z);
            double[] numeric =
                    GradientCheck.central(scope, x -> loss.evaluate(new NDList(labels), new NDList(x)), z, 1e-6);
            for (int i = 0; i < autograd.length; i++) {
                assertThat(autograd[i]).as("coordinate %d", i).isCloseTo(numeric[i], within(1e-6));
            }
        }
    }

    /**
     * Logits whose top two entries differ by at least 1e-2 (no argmax tie) and whose
     * code-variant boosted entry s·(t_c + m) is at least 1e-2 from the clip points ±1, so that
     * the loss is smooth within the finite-difference step.
     */
    private static double[] awayFromKinks(Random random, int k, double s, double m) {
        while (true) {
            double[] z = new double[k];
            for (int j = 0; j < k; j++) {
                z[j] = random.nextGaussian() * 2;
            }
            double[] t = Reference.normalise(z);
            int c = Reference.argmax(t);
            double second = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j != c) {
                    second = Math.max(second, t[j]);
                }
            }
            double boosted = s * (t[c] + m);
            if (t[c] - second > 1e-2 && Math.abs(Math.abs(boosted) - 1) > 1e-2) {
                return z;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IsceVariant.class)
    void withUnitScaleAndNoMarginEqualsSoftmaxCrossEntropyOnNormalisedLogits(IsceVariant variant) {
        Random random = new Random(3);
        InferenceSoftmaxCrossEntropy loss = isce(variant, 1, 0);
        SoftmaxCrossEntropy sce = new SoftmaxCrossEntropy();
        for (int k : new int[] {2, 10, 100}) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray logits = batch.create(Reference.randomLogits(random, 64, k, 5));
                NDArray labels = batch.create(Reference.randomLabels(random, 64, k));
                NDArray t = InferenceSoftmaxCrossEntropy.normalise(logits);
                float isceValue =
                        loss.evaluate(new NDList(labels), new NDList(logits)).getFloat();
                float sceValue = sce.evaluate(new NDList(labels), new NDList(t)).getFloat();
                assertThat(isceValue).isCloseTo(sceValue, within(1e-6f));
                assertThat(asDoubles(loss.perExample(logits, labels)))
                        .containsExactly(asDoubles(SoftmaxCrossEntropy.perExample(t, labels)), within(1e-6));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IsceVariant.class)
    void deployedProbabilitiesSumToOneAndKeepTheArgmaxForUnitScale(IsceVariant variant) {
        Random random = new Random(8);
        for (double m : new double[] {0, 0.1, 0.5, 3}) {
            InferenceSoftmaxCrossEntropy loss = isce(variant, 1, m);
            try (NDManager batch = manager.newSubManager()) {
                // a shift of −4 makes many rows entirely negative
                NDArray logits =
                        batch.create(Reference.randomLogits(random, 256, 10, 2)).sub(Scalar.of(batch, 4));
                NDArray deployed = loss.deployedLogits(logits);
                double[] rowSums = asDoubles(deployed.softmax(1).sum(new int[] {1}));
                assertThat(Arrays.stream(rowSums).boxed())
                        .allSatisfy(v -> assertThat(v).isCloseTo(1, within(1e-6)));
                assertThat(deployed.argMax(1).toLongArray())
                        .containsExactly(logits.argMax(1).toLongArray());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IsceVariant.class)
    void deployedBoostKeepsTheArgmaxForLargerScaleWhenTheTopLogitIsNotNegative(IsceVariant variant) {
        Random random = new Random(9);
        for (double s : new double[] {1.5, 2, 10}) {
            InferenceSoftmaxCrossEntropy loss = isce(variant, s, 0.1);
            try (NDManager batch = manager.newSubManager()) {
                NDArray logits = batch.create(Reference.randomLogits(random, 256, 10, 2));
                NDArray top = logits.max(new int[] {1});
                long[] predicted = logits.argMax(1).toLongArray();
                long[] deployed = loss.deployedLogits(logits).argMax(1).toLongArray();
                float[] topValues = top.toFloatArray();
                for (int i = 0; i < predicted.length; i++) {
                    if (topValues[i] >= 0) {
                        assertThat(deployed[i]).as("row %d", i).isEqualTo(predicted[i]);
                    }
                }
            }
        }
    }

    /**
     * docs/method.md §1 says the boost never moves the argmax when s ≥ 1; that needs (s − 1)·t_c + m ≥ 0,
     * which fails when s &gt; 1 and every logit is negative. Pinned here so the caveat in the
     * Javadoc of deployedLogits stays true.
     */
    @Test
    void deployedBoostCanMoveTheArgmaxWhenScaleExceedsOneAndAllLogitsAreNegative() {
        InferenceSoftmaxCrossEntropy loss = isce(IsceVariant.PAPER, 2, 0.1);
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = batch.create(new float[][] {{-1f, -1.2f}});
            // t = (−0.640, −0.768); o_0 = 2·(−0.640) + 0.1 = −1.18 < −0.768
            assertThat(logits.argMax(1).getLong()).isZero();
            assertThat(loss.deployedLogits(logits).argMax(1).getLong()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(IsceVariant.class)
    void zeroLogitsGiveAFiniteLossAndGradient(IsceVariant variant) {
        InferenceSoftmaxCrossEntropy loss =
                InferenceSoftmaxCrossEntropy.builder().optVariant(variant).build();
        try (NDManager scope = manager.newSubManager()) {
            NDArray labels = scope.create(new long[] {3, 0});
            double[][] zeros = new double[2][10];
            double value = GradientCheck.value(scope, x -> loss.evaluate(new NDList(labels), new NDList(x)), zeros);
            double[] grad = GradientCheck.autograd(scope, x -> loss.evaluate(new NDList(labels), new NDList(x)), zeros);
            assertThat(value).isFinite();
            assertThat(Arrays.stream(grad).boxed())
                    .allSatisfy(g -> assertThat(g).isFinite());
        }
    }

    @Test
    void resultsStayInTheLogitsTypeAndShape() {
        InferenceSoftmaxCrossEntropy loss =
                InferenceSoftmaxCrossEntropy.builder().build();
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = batch.create(new float[][] {{1, 2, 3}, {0, -1, 4}});
            NDArray labels = batch.create(new long[] {2, 1});
            assertThat(loss.perExample(logits, labels).getShape()).isEqualTo(new Shape(2));
            assertThat(loss.deployedLogits(logits).getShape()).isEqualTo(new Shape(2, 3));
            assertThat(loss.deployedLogits(logits).getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(loss.evaluate(new NDList(labels), new NDList(logits)).getShape())
                    .isEqualTo(new Shape());
        }
    }

    @Test
    void perBatchArraysAreFreedWithTheirManager() {
        InferenceSoftmaxCrossEntropy loss =
                InferenceSoftmaxCrossEntropy.builder().build();
        int before = manager.getManagedArrays().size();
        Random random = new Random(1);
        for (int step = 0; step < 200; step++) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray logits = batch.create(Reference.randomLogits(random, 32, 10, 1));
                NDArray labels = batch.create(Reference.randomLabels(random, 32, 10));
                loss.evaluate(new NDList(labels), new NDList(logits)).getFloat();
                loss.deployedLogits(logits);
            }
        }
        assertThat(manager.getManagedArrays()).hasSize(before);
    }
}
