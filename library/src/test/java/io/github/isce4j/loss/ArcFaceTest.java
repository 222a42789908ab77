package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArcFaceTest {

    private static final int K = 10;
    // A 3-D feature makes wide angles common: about 6 % of random examples have θ_y + 0.5 > π.
    private static final int D = 3;
    private static final float S = 30;
    private static final float M = 0.5f;

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
    void headGivesScaledCosinesAndLossMatchesFloat64ReferenceIncludingPastPi() {
        Random random = new Random(9);
        int n = 200;
        double[][] h = BaselineReference.gaussian(random, n, D, 2);
        long[] y = Reference.randomLabels(random, n, K);
        try (NDManager m = manager.newSubManager()) {
            CosineHead head = BaselineReference.float64(new CosineHead(K, S), m, D);
            double[][] w = BaselineReference.parameter(head, "weight");
            NDArray logits = BaselineReference.forward(head, m.create(h)).head();
            double[] actual = logits.toDoubleArray();
            int pastPi = 0;
            for (int i = 0; i < n; i++) {
                double[] c = BaselineReference.cosines(h[i], w);
                for (int k = 0; k < K; k++) {
                    assertThat(actual[i * K + k]).isCloseTo(S * c[k], within(1e-10));
                }
                pastPi += Math.acos(c[(int) y[i]]) + M > Math.PI ? 1 : 0;
            }
            assertThat(pastPi).as("examples past pi").isPositive();
            double loss = new ArcFace(S, M)
                    .evaluate(new NDList(m.create(y)), new NDList(logits))
                    .getDouble();
            double expected = BaselineReference.mean(n, i -> BaselineReference.arcFace(h[i], w, (int) y[i], S, M));
            assertThat(loss).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void marginCosineFollowsTheAngleUpToPiThenTheFallback() {
        double[] cosines = new double[81];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = -0.999 + i * (1.998 / 80);
        }
        try (NDManager m = manager.newSubManager()) {
            double[] actual = new ArcFace(S, M).marginCosine(m.create(cosines)).toDoubleArray();
            for (int i = 0; i < cosines.length; i++) {
                double theta = Math.acos(cosines[i]);
                double expected = theta + M <= Math.PI ? Math.cos(theta + M) : cosines[i] - M * Math.sin(M);
                assertThat(actual[i]).as("cos θ = %f", cosines[i]).isCloseTo(expected, within(1e-6));
            }
            // Past π the fallback keeps decreasing with θ, where cos(θ + M) would rise again.
            double[] deep = new ArcFace(S, M)
                    .marginCosine(m.create(new double[] {-0.95, -0.99}))
                    .toDoubleArray();
            assertThat(deep[1]).isLessThan(deep[0]);
            assertThat(Math.cos(Math.acos(-0.99) + M)).isGreaterThan(Math.cos(Math.acos(-0.95) + M));
        }
    }

    @Test
    void withoutMarginItIsSoftmaxCrossEntropyOnScaledCosines() {
        Random random = new Random(10);
        try (NDManager m = manager.newSubManager()) {
            CosineHead head = BaselineReference.float64(new CosineHead(K, S), m, 16);
            NDArray logits = BaselineReference.forward(head, m.create(BaselineReference.gaussian(random, 64, 16, 1)))
                    .head();
            NDList labels = new NDList(m.create(Reference.randomLabels(random, 64, K)));
            double arcFace =
                    new ArcFace(S, 0f).evaluate(labels, new NDList(logits)).getDouble();
            double plain = new SoftmaxCrossEntropy()
                    .evaluate(labels, new NDList(logits))
                    .getDouble();
            assertThat(arcFace).isCloseTo(plain, within(1e-12));
        }
    }

    @Test
    void gradientThroughHeadAndLossMatchesFiniteDifferences() {
        Random random = new Random(11);
        double[][] h = BaselineReference.gaussian(random, 6, D, 1);
        long[] y = Reference.randomLabels(random, 6, K);
        ArcFace loss = new ArcFace(S, M);
        try (NDManager m = manager.newSubManager()) {
            CosineHead head = BaselineReference.float64(new CosineHead(K, S), m, D);
            NDArray labels = m.create(y);
            Function<NDArray, NDArray> f = x -> loss.evaluate(new NDList(labels), BaselineReference.forward(head, x));
            double[] autograd = GradientCheck.autograd(m, f, h);
            double[] numeric = GradientCheck.central(m, f, h, 1e-6);
            for (int i = 0; i < autograd.length; i++) {
                assertThat(autograd[i])
                        .as("coordinate %d", i)
                        .isCloseTo(numeric[i], within(1e-5 * Math.max(1, Math.abs(numeric[i]))));
            }
        }
    }
}
