package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxMahalanobisTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @ParameterizedTest(name = "K = {0}, D = {1}")
    @CsvSource({"2, 2", "10, 10", "10, 84", "100, 256"})
    void centersAreARegularSimplexOfNormC(int k, int d) {
        double c = 10;
        double[][] mu = MaxMahalanobisCenters.generate(k, d, c);
        for (int i = 0; i < k; i++) {
            assertThat(Math.sqrt(BaselineReference.squaredDistance(mu[i], new double[d])))
                    .isCloseTo(c, within(1e-9));
            for (int j = 0; j < i; j++) {
                double inner = 0;
                for (int x = 0; x < d; x++) {
                    inner += mu[i][x] * mu[j][x];
                }
                assertThat(inner).as("<mu_%d, mu_%d>", i, j).isCloseTo(-c * c / (k - 1), within(1e-9));
            }
        }
    }

    @Test
    void tooNarrowAFeatureIsAClearError() {
        assertThatThrownBy(() -> MaxMahalanobisCenters.generate(10, 3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least K = 10")
                .hasMessageContaining("embedding dimension of 10 or more");
    }

    @Test
    void headGivesNegativeSquaredDistancesToFixedCentersAndLossMatchesReference() {
        Random random = new Random(12);
        int n = 32;
        int k = 10;
        int d = 12;
        double[][] h = BaselineReference.gaussian(random, n, d, 4);
        long[] y = Reference.randomLabels(random, n, k);
        try (NDManager m = manager.newSubManager()) {
            MaxMahalanobisHead head = BaselineReference.float64(new MaxMahalanobisHead(k, 10f), m, d);
            assertThat(head.getDirectParameters().get("centers").requiresGradient())
                    .isFalse();
            double[][] mu = BaselineReference.parameter(head, "centers");
            assertThat(mu).isDeepEqualTo(MaxMahalanobisCenters.generate(k, d, 10));
            NDArray logits = BaselineReference.forward(head, m.create(h)).head();
            double[] actual = logits.toDoubleArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    assertThat(actual[i * k + j])
                            .isCloseTo(-BaselineReference.squaredDistance(h[i], mu[j]), within(1e-10));
                }
            }
            double loss = new MaxMahalanobisCenterLoss()
                    .evaluate(new NDList(m.create(y)), new NDList(logits))
                    .getDouble();
            assertThat(loss)
                    .isCloseTo(
                            BaselineReference.mean(n, i -> BaselineReference.mmc(h[i], mu, (int) y[i])), within(1e-10));
        }
    }

    @Test
    void gradientThroughHeadAndLossMatchesFiniteDifferences() {
        Random random = new Random(13);
        double[][] h = BaselineReference.gaussian(random, 3, 10, 2);
        long[] y = Reference.randomLabels(random, 3, 10);
        MaxMahalanobisCenterLoss loss = new MaxMahalanobisCenterLoss();
        try (NDManager m = manager.newSubManager()) {
            MaxMahalanobisHead head = BaselineReference.float64(new MaxMahalanobisHead(10, 10f), m, 10);
            NDArray labels = m.create(y);
            Function<NDArray, NDArray> f = x -> loss.evaluate(new NDList(labels), BaselineReference.forward(head, x));
            double[] autograd = GradientCheck.autograd(m, f, h);
            double[] numeric = GradientCheck.central(m, f, h, 1e-6);
            for (int i = 0; i < autograd.length; i++) {
                assertThat(autograd[i]).as("coordinate %d", i).isCloseTo(numeric[i], within(1e-6));
            }
        }
    }
}
