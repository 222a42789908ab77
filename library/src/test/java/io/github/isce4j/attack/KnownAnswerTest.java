package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on an affine classifier, where the minimal L2 distance to the decision boundary is
 * known exactly: d = min_k (z_y − z_k) / ‖w_y − w_k‖.
 *
 * <p>The weight rows are orthonormal, so every pair of classes is equally far apart in weight
 * space, the nearest boundary belongs to the runner-up class, and moving toward it changes no
 * other logit. The images sit near 0.5 so no perturbation reaches the [0, 1] box.
 */
class KnownAnswerTest {

    private static final int K = 5;
    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;
    private static final int N = 40;

    private static AffineClassifier model;
    private static double[][] images;
    private static long[] labels;
    private static NDManager manager;

    @BeforeAll
    static void build() {
        Random random = new Random(7);
        double[][] u = orthonormalRows(K, D, random);
        double[] b = new double[K];
        for (int k = 0; k < K; k++) {
            double sum = 0;
            for (int i = 0; i < D; i++) {
                sum += u[k][i];
            }
            b[k] = -0.5 * sum; // so that z_k = α_k for x = 0.5 + Σ α_k u_k
        }
        model = new AffineClassifier(u, b);
        images = new double[N][D];
        labels = new long[N];
        for (int n = 0; n < N; n++) {
            int y = random.nextInt(K);
            labels[n] = y;
            for (int i = 0; i < D; i++) {
                images[n][i] = 0.5;
            }
            for (int k = 0; k < K; k++) {
                double alpha = k == y ? 0.25 + 0.1 * random.nextDouble() : -0.1 + 0.25 * random.nextDouble();
                for (int i = 0; i < D; i++) {
                    images[n][i] += alpha * u[k][i];
                }
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
    void deepFoolNormIsTheExactDistanceTimesOneplusOvershoot() {
        try (NDManager m = manager.newSubManager()) {
            AttackResult r = new DeepFool(new DeepFoolSpec()).run(model, batch(m), m.create(labels), new Random(0));
            for (int n = 0; n < N; n++) {
                double expected = 1.02 * model.distanceToBoundary(images[n]);
                assertThat(r.success()[n]).isTrue();
                assertThat((double) r.l2()[n]).isCloseTo(expected, within(0.01 * expected));
                assertThat(r.queries()[n]).as("a linear model needs one step").isEqualTo(1);
            }
        }
    }

    @Test
    void pgdL2FlipsEveryExampleJustAboveTheDistanceAndNoneJustBelow() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = batch(m);
            for (int n = 0; n < N; n++) {
                double d = model.distanceToBoundary(images[n]);
                for (double factor : new double[] {0.99, 1.01}) {
                    double eps = factor * d;
                    ProjectedGradientDescent pgd = new ProjectedGradientDescent(
                            PgdSpec.l2(eps).steps(20).losses(AttackLoss.MARGIN).build());
                    AttackResult r =
                            pgd.run(model, x.get(n + ":" + (n + 1)), m.create(new long[] {labels[n]}), new Random(0));
                    assertThat(r.success()[0])
                            .as("example %d at %.2f·d", n, factor)
                            .isEqualTo(factor > 1);
                    assertThat((double) r.l2()[0]).isLessThanOrEqualTo(eps + 1e-5);
                }
            }
        }
    }

    @Test
    void unboundedTargetedPgdReachesEveryTargetWithEveryLoss() {
        try (NDManager m = manager.newSubManager()) {
            for (AttackLoss loss : AttackLoss.values()) {
                PgdSpec spec = PgdSpec.l2(3)
                        .steps(30)
                        .stepSize(0.2)
                        .target(TargetChoice.RANDOM)
                        .losses(loss)
                        .build();
                AttackResult r =
                        new ProjectedGradientDescent(spec).run(model, batch(m), m.create(labels), new Random(1));
                for (int n = 0; n < N; n++) {
                    assertThat(r.predictions()[n])
                            .as("%s, example %d", loss.id(), n)
                            .isEqualTo(r.targets()[n]);
                }
            }
        }
    }

    @Test
    void fgsmLinfMovesEveryUnclippedPixelByExactlyEps() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = batch(m);
            double eps = 0.03;
            AttackResult r = new FastGradientSignMethod(new FgsmSpec(Norm.LINF, eps, List.of(AttackLoss.CE)))
                    .run(model, x, m.create(labels), new Random(0));
            float[] before = x.toFloatArray();
            float[] after = r.adversarial().toFloatArray();
            for (int i = 0; i < before.length; i++) {
                assertThat(Math.abs(after[i] - before[i])).isCloseTo((float) eps, within(1e-6f));
            }
        }
    }

    private static NDArray batch(NDManager m) {
        float[] flat = new float[N * D];
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < D; i++) {
                flat[n * D + i] = (float) images[n][i];
            }
        }
        return m.create(flat, new Shape(N, 1, SIDE, SIDE));
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
