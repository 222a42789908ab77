package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftmaxCrossEntropyTest {

    private static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {2, 10, 100})
    void matchesFloat64Reference(int k) {
        Random random = new Random(11 + k);
        int n = 32;
        float[][] z = Reference.randomLogits(random, n, k, 3);
        long[] y = Reference.randomLabels(random, n, k);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Reference.crossEntropy(Reference.row(z, i), (int) y[i]);
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = batch.create(z);
            NDArray labels = batch.create(y);
            double[] perExample = SoftmaxCrossEntropy.perExample(logits, labels)
                    .toType(DataType.FLOAT64, false)
                    .toDoubleArray();
            double mean = new SoftmaxCrossEntropy()
                    .evaluate(new NDList(labels), new NDList(logits))
                    .getFloat();
            for (int i = 0; i < n; i++) {
                assertThat(perExample[i]).isCloseTo(expected[i], within(1e-5 * Math.max(1, expected[i])));
            }
            double ref = Reference.mean(expected);
            assertThat(mean).isCloseTo(ref, within(1e-5 * ref));
        }
    }

    @Test
    void equalsDjlSoftmaxCrossEntropyLoss() {
        Random random = new Random(5);
        SoftmaxCrossEntropyLoss djl = new SoftmaxCrossEntropyLoss();
        SoftmaxCrossEntropy ours = new SoftmaxCrossEntropy();
        for (int k : new int[] {2, 10, 100}) {
            try (NDManager batch = manager.newSubManager()) {
                NDList labels = new NDList(batch.create(Reference.randomLabels(random, 64, k)));
                NDList logits = new NDList(batch.create(Reference.randomLogits(random, 64, k, 4)));
                float expected = djl.evaluate(labels, logits).getFloat();
                assertThat(ours.evaluate(labels, logits).getFloat())
                        .isCloseTo(expected, within(1e-6f * Math.max(1, expected)));
            }
        }
    }

    @Test
    void ignoresExtraPredictionArraysAndAcceptsColumnLabels() {
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = batch.create(new float[][] {{2, 0, -1}, {0.5f, 0.5f, 3}});
            NDArray features = batch.ones(new Shape(2, 7));
            NDArray labels = batch.create(new long[] {0, 1});
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
            float plain = loss.evaluate(new NDList(labels), new NDList(logits)).getFloat();
            float withFeatures = loss.evaluate(new NDList(labels), new NDList(logits, features))
                    .getFloat();
            float column = loss.evaluate(new NDList(labels.reshape(2, 1)), new NDList(logits))
                    .getFloat();
            double expected = (Reference.crossEntropy(new double[] {2, 0, -1}, 0)
                            + Reference.crossEntropy(new double[] {0.5, 0.5, 3}, 1))
                    / 2;
            assertThat(withFeatures).isEqualTo(plain);
            assertThat(column).isEqualTo(plain);
            assertThat(plain).isCloseTo((float) expected, within(1e-6f));
        }
    }

    @Test
    void perExampleHasOneLossPerExampleInTheLogitsType() {
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = batch.create(new double[][] {{1, 2}, {3, 4}, {5, 6}});
            NDArray labels = batch.create(new long[] {1, 0, 1});
            NDArray losses = SoftmaxCrossEntropy.perExample(logits, labels);
            assertThat(losses.getShape()).isEqualTo(new Shape(3));
            assertThat(losses.getDataType()).isEqualTo(DataType.FLOAT64);
        }
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {2, 10, 100})
    void gradientMatchesFiniteDifferences(int k) {
        Random random = new Random(23 + k);
        int n = 3;
        double[][] z = new double[n][k];
        for (double[] row : z) {
            for (int j = 0; j < k; j++) {
                row[j] = random.nextGaussian() * 2;
            }
        }
        long[] y = Reference.randomLabels(random, n, k);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
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
}
