package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CenterLossTest {

    private static final int N = 24;
    private static final int K = 6;
    private static final int D = 5;

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void matchesFloat64Reference() {
        Random random = new Random(4);
        double[][] z = BaselineReference.gaussian(random, N, K, 3);
        double[][] h = BaselineReference.gaussian(random, N, D, 2);
        double[][] c = BaselineReference.gaussian(random, K, D, 1);
        long[] y = Reference.randomLabels(random, N, K);
        double expected = BaselineReference.mean(N, i -> BaselineReference.centerLoss(z[i], h[i], c, (int) y[i], 0.3f));
        try (NDManager m = manager.newSubManager()) {
            double actual = new CenterLoss(0.3f, 0.5f)
                    .evaluate(new NDList(m.create(y)), new NDList(m.create(z), m.create(h), m.create(c)))
                    .getDouble();
            assertThat(actual).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void gradientWithRespectToTheFeatureMatchesFiniteDifferences() {
        Random random = new Random(5);
        double[][] z = BaselineReference.gaussian(random, 4, K, 2);
        double[][] h = BaselineReference.gaussian(random, 4, D, 2);
        double[][] c = BaselineReference.gaussian(random, K, D, 1);
        long[] y = Reference.randomLabels(random, 4, K);
        CenterLoss loss = new CenterLoss(0.3f, 0.5f);
        try (NDManager m = manager.newSubManager()) {
            NDArray labels = m.create(y);
            NDArray logits = m.create(z);
            NDArray centers = m.create(c);
            Function<NDArray, NDArray> f = x -> loss.evaluate(new NDList(labels), new NDList(logits, x, centers));
            double[] autograd = GradientCheck.autograd(m, f, h);
            double[] numeric = GradientCheck.central(m, f, h, 1e-6);
            for (int i = 0; i < autograd.length; i++) {
                assertThat(autograd[i]).as("coordinate %d", i).isCloseTo(numeric[i], within(1e-7));
            }
        }
    }

    @Test
    void updateMovesOnlyTheClassesInTheBatchByWensRule() {
        Random random = new Random(6);
        double[][] h = BaselineReference.gaussian(random, N, D, 2);
        double[][] c = BaselineReference.gaussian(random, K, D, 1);
        long[] y = new long[N];
        for (int i = 0; i < N; i++) {
            y[i] = new long[] {0, 2, 3}[random.nextInt(3)]; // classes 1, 4, 5 are absent
        }
        double alpha = 0.5;
        double[][] expected = new double[K][];
        for (int j = 0; j < K; j++) {
            double[] delta = new double[D];
            int count = 0;
            for (int i = 0; i < N; i++) {
                if (y[i] == j) {
                    count++;
                    for (int d = 0; d < D; d++) {
                        delta[d] += c[j][d] - h[i][d];
                    }
                }
            }
            expected[j] = c[j].clone();
            for (int d = 0; d < D; d++) {
                expected[j][d] -= alpha * delta[d] / (1 + count);
            }
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray centers = m.create(c);
            NDArray z = m.zeros(new Shape(N, K));
            new CenterLoss(0.01f, (float) alpha).update(new NDList(m.create(y)), new NDList(z, m.create(h), centers));
            double[] moved = centers.toDoubleArray();
            for (int j = 0; j < K; j++) {
                for (int d = 0; d < D; d++) {
                    if (j == 1 || j == 4 || j == 5) {
                        assertThat(moved[j * D + d]).as("absent class %d", j).isEqualTo(c[j][d]);
                    } else {
                        assertThat(moved[j * D + d]).as("class %d", j).isCloseTo(expected[j][d], within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void headAppendsItsCentersWhichStartAtZeroAndNeedNoGradient() {
        try (NDManager m = manager.newSubManager()) {
            CenterLossHead head = BaselineReference.float64(new CenterLossHead(K), m, D);
            NDList out = BaselineReference.forward(head, m.ones(new Shape(3, D), DataType.FLOAT64));
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(3, K));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(K, D));
            assertThat(out.get(1).toDoubleArray()).containsOnly(0.0);
            assertThat(head.getDirectParameters().get("centers").requiresGradient())
                    .isFalse();
        }
    }
}
