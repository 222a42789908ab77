package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LabelSmoothingCrossEntropyTest {

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
        Random random = new Random(1);
        int n = 32;
        int k = 10;
        double[][] z = BaselineReference.gaussian(random, n, k, 3);
        long[] y = Reference.randomLabels(random, n, k);
        double expected = BaselineReference.mean(n, i -> BaselineReference.labelSmoothing(z[i], (int) y[i], 0.1f));
        try (NDManager m = manager.newSubManager()) {
            double actual = new LabelSmoothingCrossEntropy(0.1f)
                    .evaluate(new NDList(m.create(y)), new NDList(m.create(z)))
                    .getDouble();
            assertThat(actual).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void zeroSmoothingIsSoftmaxCrossEntropy() {
        Random random = new Random(2);
        try (NDManager m = manager.newSubManager()) {
            NDList z = new NDList(m.create(Reference.randomLogits(random, 16, 10, 4)));
            NDList y = new NDList(m.create(Reference.randomLabels(random, 16, 10)));
            assertThat(new LabelSmoothingCrossEntropy(0f).evaluate(y, z).getFloat())
                    .isCloseTo(new SoftmaxCrossEntropy().evaluate(y, z).getFloat(), within(1e-6f));
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random random = new Random(3);
        double[][] z = BaselineReference.gaussian(random, 3, 10, 2);
        long[] y = Reference.randomLabels(random, 3, 10);
        LabelSmoothingCrossEntropy loss = new LabelSmoothingCrossEntropy(0.1f);
        try (NDManager m = manager.newSubManager()) {
            NDArray labels = m.create(y);
            double[] autograd = GradientCheck.autograd(m, x -> loss.evaluate(new NDList(labels), new NDList(x)), z);
            double[] numeric = GradientCheck.central(m, x -> loss.evaluate(new NDList(labels), new NDList(x)), z, 1e-6);
            for (int i = 0; i < autograd.length; i++) {
                assertThat(autograd[i]).as("coordinate %d", i).isCloseTo(numeric[i], within(1e-7));
            }
        }
    }
}
