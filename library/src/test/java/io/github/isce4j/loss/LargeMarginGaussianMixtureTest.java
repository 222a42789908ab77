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

class LargeMarginGaussianMixtureTest {

    private static final int K = 10;
    private static final int D = 6;

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
    void headGivesNegativeHalfSquaredDistancesAndLossMatchesFloat64Reference() {
        Random random = new Random(7);
        int n = 32;
        double[][] h = BaselineReference.gaussian(random, n, D, 1);
        long[] y = Reference.randomLabels(random, n, K);
        try (NDManager m = manager.newSubManager()) {
            GaussianMixtureHead head = BaselineReference.float64(new GaussianMixtureHead(K), m, D);
            double[][] mu = BaselineReference.parameter(head, "means");
            NDArray logits = BaselineReference.forward(head, m.create(h)).head();
            double[] actual = logits.toDoubleArray();
            for (int i = 0; i < n; i++) {
                double[] expected = BaselineReference.lgmLogits(h[i], mu);
                for (int k = 0; k < K; k++) {
                    assertThat(actual[i * K + k]).isCloseTo(expected[k], within(1e-12));
                }
            }
            double loss = new LargeMarginGaussianMixture(0.1f, 0.01f)
                    .evaluate(new NDList(m.create(y)), new NDList(logits))
                    .getDouble();
            double expected = BaselineReference.mean(n, i -> BaselineReference.lgm(h[i], mu, (int) y[i], 0.1f, 0.01f));
            assertThat(loss).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void gradientThroughHeadAndLossMatchesFiniteDifferences() {
        Random random = new Random(8);
        double[][] h = BaselineReference.gaussian(random, 3, D, 1);
        long[] y = Reference.randomLabels(random, 3, K);
        LargeMarginGaussianMixture loss = new LargeMarginGaussianMixture(0.3f, 0.1f);
        try (NDManager m = manager.newSubManager()) {
            GaussianMixtureHead head = BaselineReference.float64(new GaussianMixtureHead(K), m, D);
            NDArray labels = m.create(y);
            Function<NDArray, NDArray> f = x -> loss.evaluate(new NDList(labels), BaselineReference.forward(head, x));
            double[] autograd = GradientCheck.autograd(m, f, h);
            double[] numeric = GradientCheck.central(m, f, h, 1e-6);
            for (int i = 0; i < autograd.length; i++) {
                assertThat(autograd[i]).as("coordinate %d", i).isCloseTo(numeric[i], within(1e-7));
            }
        }
    }

    @Test
    void meansAreLearnedByTheOptimiser() {
        try (NDManager m = manager.newSubManager()) {
            GaussianMixtureHead head = BaselineReference.float64(new GaussianMixtureHead(K), m, D);
            assertThat(head.getDirectParameters().get("means").requiresGradient())
                    .isTrue();
        }
    }
}
