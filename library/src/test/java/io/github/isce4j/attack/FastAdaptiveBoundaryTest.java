package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackRow;
import io.github.isce4j.eval.RobustnessEvaluation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FAB on an affine classifier z = W·x + b with weights set here, where the minimal distance to the
 * decision boundary is exact: d_p = min_{t≠y} (z_y − z_t) / ‖w_y − w_t‖_q, q the dual norm (L2 for
 * L2, L1 for L∞), as long as the [0, 1] box does not bind. The weights are random, not orthonormal,
 * so the nearest class in L2 and in L∞ can differ; the images sit near 0.5 and the distances are
 * small (checked below), so the box never binds.
 */
class FastAdaptiveBoundaryTest {

    private static final int K = 6;
    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;
    private static final int N = 30;
    /** A linear model's boundary is reached within a few steps; 20 keep the test fast (the default is 100). */
    private static final int ITERATIONS = 20;

    private static double[][] w;
    private static double[] b;
    private static AffineClassifier model;
    private static double[][] images;
    private static long[] labels;
    private static NDManager manager;

    @BeforeAll
    static void build() {
        Random random = new Random(11);
        w = new double[K][D];
        b = new double[K];
        for (int k = 0; k < K; k++) {
            for (int i = 0; i < D; i++) {
                w[k][i] = random.nextGaussian() / Math.sqrt(D);
            }
        }
        model = new AffineClassifier(w, b);
        images = new double[N][D];
        labels = new long[N];
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < D; i++) {
                images[n][i] = 0.5 + 0.15 * (random.nextDouble() - 0.5);
            }
            labels[n] = argmax(model.exactLogits(images[n]));
        }
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    @Test
    void fabTReachesTheExactMinimalDistanceInBothNorms() {
        for (Norm norm : Norm.values()) {
            AttackResult r = run(FabSpec.targeted(norm).iterations(ITERATIONS).build());
            assertExactDistances(r, norm, "FAB-T");
        }
    }

    @Test
    void untargetedFabReachesTheExactMinimalDistanceInBothNorms() {
        for (Norm norm : Norm.values()) {
            assertExactDistances(
                    run(FabSpec.untargeted(norm).iterations(ITERATIONS).build()), norm, "FAB");
        }
    }

    /** A single target can only reach the boundary of the class ranked second, which is farther in general. */
    @Test
    void oneTargetReachesTheRunnerUpsBoundary() {
        AttackResult r =
                run(FabSpec.targeted(Norm.L2).targets(1).iterations(ITERATIONS).build());
        for (int n = 0; n < N; n++) {
            double[] z = model.exactLogits(images[n]);
            int second = ranked(z, 1);
            double expected = distance(n, second, Norm.L2);
            assertThat((double) r.l2()[n]).as("image %d", n).isCloseTo(expected, within(0.01 * expected));
        }
    }

    /**
     * With a budget FAB is bounded: an image whose exact distance exceeds eps is not fooled and stays
     * clean, one below it is fooled within eps (images within 2 % of eps are not judged).
     */
    @Test
    void aBudgetFoolsExactlyTheImagesCloserThanIt() {
        for (Norm norm : Norm.values()) {
            double[] d = new double[N];
            for (int n = 0; n < N; n++) {
                d[n] = minimalDistance(n, norm);
            }
            double eps = java.util.Arrays.stream(d).sorted().toArray()[N / 2];
            AttackResult r =
                    run(FabSpec.targeted(norm).eps(eps).iterations(ITERATIONS).build());
            int judged = 0;
            for (int n = 0; n < N; n++) {
                double size = norm == Norm.L2 ? r.l2()[n] : r.linf()[n];
                assertThat(size).as("%s image %d", norm, n).isLessThanOrEqualTo(eps + 1e-6);
                if (Math.abs(d[n] / eps - 1) > 0.02) {
                    judged++;
                    assertThat(r.success()[n])
                            .as("%s image %d at %.3f·eps", norm, n, d[n] / eps)
                            .isEqualTo(d[n] < eps);
                    if (d[n] > eps) {
                        assertThat(size).as("an unbroken image stays clean").isZero();
                    }
                }
            }
            assertThat(judged).isGreaterThan(N / 2);
        }
    }

    /** Judged at budgets by the evaluation: robust accuracy at ε is the share of images farther than ε. */
    @Test
    void minimalPointsJudgedAtBudgetsGiveTheExactRobustAccuracy() {
        double[] d = new double[N];
        for (int n = 0; n < N; n++) {
            d[n] = minimalDistance(n, Norm.LINF);
        }
        double[] sorted = java.util.Arrays.stream(d).sorted().toArray();
        // budgets in gaps of more than 3 % between consecutive distances, where 1 % accuracy decides every image
        int low = gap(sorted, 3);
        int high = gap(sorted, N / 2);
        List<Double> budgets = List.of((sorted[low] + sorted[low + 1]) / 2, (sorted[high] + sorted[high + 1]) / 2);
        try (NDManager m = manager.newSubManager()) {
            RobustnessEvaluation evaluation = new RobustnessEvaluation(model, batch(m), m.create(labels), 16, 0);
            List<AttackRow> rows = evaluation
                    .run(AttackPlan.judgedAt(
                            FabSpec.targeted(Norm.LINF).iterations(ITERATIONS).build(), budgets, Norm.LINF))
                    .rows();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).robustAccuracy()).isCloseTo((N - low - 1) / (double) N, within(1e-9));
            assertThat(rows.get(1).robustAccuracy()).isCloseTo((N - high - 1) / (double) N, within(1e-9));
            assertThat(rows.get(2).robustAccuracy()).as("unbounded").isZero();
        }
    }

    @Test
    void sameSeedSameResultWithRandomRestarts() {
        FabSpec spec =
                FabSpec.targeted(Norm.LINF).eps(0.5).restarts(3).iterations(10).build();
        float[] first = run(spec, new Random(5)).adversarial().toFloatArray();
        assertThat(run(spec, new Random(5)).adversarial().toFloatArray()).containsExactly(first);
    }

    @Test
    void describesItself() {
        assertThat(FabSpec.targeted(Norm.LINF).eps(0.1).build().label()).isEqualTo("fab-t-linf eps=0.1");
        assertThat(FabSpec.untargeted(Norm.L2).iterations(20).build().label()).isEqualTo("fab-l2 iterations=20");
        assertThat(FabSpec.targeted(Norm.L2).build().radius()).isNaN();
        assertThat(AttackSpecJson.fromJson(
                        AttackSpecJson.toJson(FabSpec.targeted(Norm.L2).build())))
                .isEqualTo(FabSpec.targeted(Norm.L2).build());
        assertThat(AttackSpecJson.fromJson(AttackSpecJson.toJson(
                        FabSpec.targeted(Norm.LINF).eps(0.3).build())))
                .isEqualTo(FabSpec.targeted(Norm.LINF).eps(0.3).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FabSpec.targeted(Norm.L2).restarts(2).build())
                .hasMessageContaining("restarts > 1 need a finite eps");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FabSpec.targeted(Norm.L2).eta(0.5).build())
                .hasMessage("eta (overshoot) must be finite and >= 1, got 0.5");
    }

    private static void assertExactDistances(AttackResult r, Norm norm, String what) {
        for (int n = 0; n < N; n++) {
            double expected = minimalDistance(n, norm);
            double got = norm == Norm.L2 ? r.l2()[n] : r.linf()[n];
            assertThat(r.success()[n]).as("%s %s image %d", what, norm, n).isTrue();
            assertThat(got).as("%s %s image %d", what, norm, n).isCloseTo(expected, within(0.01 * expected));
        }
        // The known answer assumes a free box: every pixel stays strictly inside (0, 1).
        for (float v : r.adversarial().toFloatArray()) {
            assertThat(v).isStrictlyBetween(0f, 1f);
        }
    }

    /** @return the first j >= from with sorted[j + 1] more than 3 % above sorted[j] */
    private static int gap(double[] sorted, int from) {
        for (int j = from; j + 1 < sorted.length; j++) {
            if (sorted[j + 1] > 1.03 * sorted[j]) {
                return j;
            }
        }
        throw new AssertionError("no gap of 3 % among the distances from " + from);
    }

    private static double minimalDistance(int n, Norm norm) {
        double best = Double.POSITIVE_INFINITY;
        for (int t = 0; t < K; t++) {
            if (t != labels[n]) {
                best = Math.min(best, distance(n, t, norm));
            }
        }
        return best;
    }

    /** @return (z_y − z_t) / ‖w_y − w_t‖_dual */
    private static double distance(int n, int t, Norm norm) {
        int y = (int) labels[n];
        double[] z = model.exactLogits(images[n]);
        double dual = 0;
        for (int i = 0; i < D; i++) {
            double diff = w[y][i] - w[t][i];
            dual += norm == Norm.L2 ? diff * diff : Math.abs(diff);
        }
        return (z[y] - z[t]) / (norm == Norm.L2 ? Math.sqrt(dual) : dual);
    }

    private static AttackResult run(FabSpec spec) {
        return run(spec, new Random(0));
    }

    private static AttackResult run(FabSpec spec, Random random) {
        NDManager m = manager.newSubManager();
        return spec.attack().run(model, batch(m), m.create(labels), random);
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

    private static int argmax(double[] z) {
        return ranked(z, 0);
    }

    /** @return the class ranked r-th (0 = largest) */
    private static int ranked(double[] z, int r) {
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < z.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, c) -> Double.compare(z[c], z[a]));
        return order[r];
    }
}
