package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The attack losses against direct float64 computations on random logits. */
class InputLossTest {

    private static final int N = 16;
    private static final int K = 10;

    private final Random random = new Random(3);
    private final double[][] z = new double[N][K];
    private final long[] labels = new long[N];
    private final long[] targets = new long[N];

    InputLossTest() {
        for (int n = 0; n < N; n++) {
            for (int k = 0; k < K; k++) {
                z[n][k] = 4 * random.nextGaussian();
            }
            labels[n] = random.nextInt(K);
            targets[n] = (labels[n] + 1 + random.nextInt(K - 1)) % K;
        }
    }

    @Test
    void deployedCrossEntropyIsMinusTheLogSoftmaxOfTheLabel() {
        check(InputLoss.DEPLOYED_CROSS_ENTROPY, labels, n -> {
            double max = Arrays.stream(z[n]).max().orElseThrow();
            double sum = Arrays.stream(z[n]).map(v -> Math.exp(v - max)).sum();
            return max + Math.log(sum) - z[n][(int) labels[n]];
        });
    }

    @Test
    void marginIsTheLargestOtherLogitMinusTheOwn() {
        check(InputLoss.MARGIN, labels, n -> largestOther(n, labels[n]) - z[n][(int) labels[n]]);
    }

    @Test
    void dlrDividesTheMarginByTheSpreadOfTheTopThree() {
        check(InputLoss.DLR, labels, n -> {
            double[] s = descending(n);
            return (largestOther(n, labels[n]) - z[n][(int) labels[n]]) / (s[0] - s[2]);
        });
    }

    @Test
    void targetedDlrIsCroceAndHeinsForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            check(InputLoss.targetedDlr(m.create(labels)), targets, n -> {
                double[] s = descending(n);
                return (z[n][(int) labels[n]] - z[n][(int) targets[n]]) / (s[0] - (s[2] + s[3]) / 2);
            });
        }
    }

    private void check(InputLoss loss, long[] against, java.util.function.IntToDoubleFunction reference) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = new float[N * K];
            for (int n = 0; n < N; n++) {
                for (int k = 0; k < K; k++) {
                    flat[n * K + k] = (float) z[n][k];
                }
            }
            NDArray logits = m.create(flat, new Shape(N, K));
            float[] actual = loss.perExample(logits, DecisionRule.SOFTMAX, m.create(against))
                    .toFloatArray();
            for (int n = 0; n < N; n++) {
                double expected = reference.applyAsDouble(n);
                assertThat((double) actual[n])
                        .as("example %d", n)
                        .isCloseTo(expected, within(1e-5 * (1 + Math.abs(expected))));
            }
        }
    }

    private double largestOther(int n, long label) {
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            if (k != label) {
                best = Math.max(best, z[n][k]);
            }
        }
        return best;
    }

    private double[] descending(int n) {
        return Arrays.stream(z[n])
                .boxed()
                .sorted((a, b) -> Double.compare(b, a))
                .mapToDouble(Double::doubleValue)
                .toArray();
    }
}
