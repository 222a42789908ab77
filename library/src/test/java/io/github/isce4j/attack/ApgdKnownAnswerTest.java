package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * APGD on an affine classifier z = s·U·x + b whose exact minimal distances are known: to class k,
 * (z_y − z_k) / ‖w_y − w_k‖ in L2 and (z_y − z_k) / ‖w_y − w_k‖₁ in L∞ (the dual norm), as long
 * as the [0, 1] box is not reached (the images sit inside [0.1, 0.9], the perturbations are smaller).
 *
 * <p>The rows of U are orthonormal and every image is built to have one runner-up class close to
 * its true class and the others far below it; the scale s = 40 makes the softmax of CE put all
 * its weight on those two, so CE's gradient points at the nearest boundary. APGD-CE and APGD-T
 * must break every image when ε is 1 % above its exact distance and none 1 % below.
 */
class ApgdKnownAnswerTest {

    private static final int K = 5;
    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;
    private static final int N = 6;
    private static final double SCALE = 40;

    private static AffineClassifier model;
    private static double[][] w;
    private static double[][] images;
    private static long[] labels;
    private static NDManager manager;

    @BeforeAll
    static void build() {
        Random random = new Random(11);
        double[][] u = orthonormalRows(K, D, random);
        w = new double[K][D];
        double[] b = new double[K];
        for (int k = 0; k < K; k++) {
            double sum = 0;
            for (int i = 0; i < D; i++) {
                w[k][i] = SCALE * u[k][i];
                sum += u[k][i];
            }
            b[k] = -0.5 * SCALE * sum; // so that z_k = s·α_k for x = 0.5 + Σ α_k u_k
        }
        model = new AffineClassifier(w, b);
        images = new double[N][D];
        labels = new long[N];
        for (int n = 0; n < N; n++) {
            int y = random.nextInt(K);
            int runnerUp = (y + 1 + random.nextInt(K - 1)) % K;
            labels[n] = y;
            double own = 0.25 + 0.1 * random.nextDouble();
            for (int i = 0; i < D; i++) {
                images[n][i] = 0.5;
            }
            for (int k = 0; k < K; k++) {
                double alpha = k == y ? own : k == runnerUp ? own - 0.05 - 0.1 * random.nextDouble() : -0.3;
                for (int i = 0; i < D; i++) {
                    images[n][i] += alpha * u[k][i];
                }
            }
            for (int i = 0; i < D; i++) {
                assertThat(images[n][i]).as("the box stays out of reach").isBetween(0.1, 0.9);
            }
        }
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    @Test
    void apgdCeBreaksEveryImageJustAboveItsL2DistanceAndNoneJustBelow() {
        check(Norm.L2, ApgdSpec.l2(1).build());
    }

    @Test
    void apgdCeBreaksEveryImageJustAboveItsLinfDistanceAndNoneJustBelow() {
        check(Norm.LINF, ApgdSpec.linf(1).build());
    }

    @Test
    void apgdTBreaksEveryImageJustAboveItsL2DistanceAndNoneJustBelow() {
        check(Norm.L2, ApgdSpec.l2(1).loss(AttackLoss.DLR).targets(9).build());
    }

    @Test
    void apgdTBreaksEveryImageJustAboveItsLinfDistanceAndNoneJustBelow() {
        check(Norm.LINF, ApgdSpec.linf(1).loss(AttackLoss.DLR).targets(9).build());
    }

    /** Runs the spec with eps = 0.99 and 1.01 times each image's exact distance in the norm. */
    private static void check(Norm norm, ApgdSpec template) {
        try (NDManager m = manager.newSubManager()) {
            for (int n = 0; n < N; n++) {
                double d = distance(n, norm);
                assertThat(d).as("distance of image %d", n).isBetween(0.001, 0.15);
                for (double factor : new double[] {0.99, 1.01}) {
                    double eps = factor * d;
                    ApgdSpec spec = new ApgdSpec(
                            norm,
                            eps,
                            template.iterations(),
                            template.loss(),
                            template.targets(),
                            1,
                            1,
                            ApgdSpec.DEFAULT_RHO);
                    AttackResult r =
                            spec.attack().run(model, batch(m, n), m.create(new long[] {labels[n]}), new Random(n));
                    boolean broken = r.predictions()[0] != labels[n];
                    assertThat(broken)
                            .as("%s, image %d at %.2f·d (d = %.5f)", spec.name(), n, factor, d)
                            .isEqualTo(factor > 1);
                    double size = norm == Norm.L2 ? r.l2()[0] : r.linf()[0];
                    assertThat(size).isLessThanOrEqualTo(eps * (1 + 1e-5) + 1e-7);
                }
            }
        }
    }

    /** @return the exact minimal distance of image n to another class, in the norm */
    private static double distance(int n, Norm norm) {
        double[] z = model.exactLogits(images[n]);
        int y = (int) labels[n];
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            if (k != y) {
                double size = 0;
                for (int i = 0; i < D; i++) {
                    double diff = w[y][i] - w[k][i];
                    size += norm == Norm.L2 ? diff * diff : Math.abs(diff);
                }
                best = Math.min(best, (z[y] - z[k]) / (norm == Norm.L2 ? Math.sqrt(size) : size));
            }
        }
        return best;
    }

    private static NDArray batch(NDManager m, int n) {
        float[] flat = new float[D];
        for (int i = 0; i < D; i++) {
            flat[i] = (float) images[n][i];
        }
        return m.create(flat, new Shape(1, 1, SIDE, SIDE));
    }

    private static double[][] orthonormalRows(int k, int d, Random random) {
        double[][] rows = new double[k][d];
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < d; i++) {
                rows[r][i] = random.nextGaussian();
            }
            for (int p = 0; p < r; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += rows[r][i] * rows[p][i];
                }
                for (int i = 0; i < d; i++) {
                    rows[r][i] -= dot * rows[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += rows[r][i] * rows[r][i];
            }
            for (int i = 0; i < d; i++) {
                rows[r][i] /= Math.sqrt(norm);
            }
        }
        return rows;
    }
}
