package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The box-constrained projection onto a hyperplane against hand-solved cases (free, one coordinate
 * capped by the box, moving down, unreachable, a zero weight) and, on random problems, against the
 * optimality conditions: on the plane, in the box, and no shorter point of the plane in the box
 * along random feasible directions.
 */
class BoundaryProjectionTest {

    @Test
    void handSolvedCases() {
        for (Norm norm : Norm.values()) {
            // free: L2 c·w/‖w‖², L∞ c·sign(w)/‖w‖₁
            assertProjection(
                    norm,
                    new float[] {0.5f, 0.5f},
                    new float[] {1, 3},
                    0.4f,
                    norm == Norm.L2 ? new float[] {0.04f, 0.12f} : new float[] {0.1f, 0.1f});
            // the second coordinate can rise only 0.1; the first takes the rest
            assertProjection(norm, new float[] {0.5f, 0.9f}, new float[] {1, 1}, 0.4f, new float[] {0.3f, 0.1f});
            // c < 0 moves against w
            assertProjection(norm, new float[] {0.5f, 0.9f}, new float[] {1, 1}, -0.4f, new float[] {-0.2f, -0.2f});
            // the box cannot reach the plane: as far as it allows
            assertProjection(norm, new float[] {0.5f, 0.9f}, new float[] {1, 1}, 1f, new float[] {0.5f, 0.1f});
            // a coordinate with no weight never moves
            assertProjection(norm, new float[] {0.5f, 0.5f}, new float[] {0, 2}, 0.4f, new float[] {0, 0.2f});
            // already on the plane
            assertProjection(norm, new float[] {0.5f, 0.5f}, new float[] {1, -1}, 0f, new float[] {0, 0});
        }
    }

    @Test
    void randomProblemsMeetTheOptimalityConditions() {
        Random random = new Random(3);
        int rows = 20;
        int dims = 30;
        float[] p = new float[rows * dims];
        float[] w = new float[rows * dims];
        float[] c = new float[rows];
        for (int i = 0; i < p.length; i++) {
            double u = random.nextDouble();
            p[i] = u < 0.1 ? 0f : u < 0.2 ? 1f : random.nextFloat();
            w[i] = (float) random.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            c[r] = (float) (random.nextGaussian() * 2);
        }
        for (Norm norm : Norm.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                float[] d = BoundaryProjection.project(
                                norm,
                                m.create(p, new Shape(rows, dims)),
                                m.create(w, new Shape(rows, dims)),
                                m.create(c))
                        .toFloatArray();
                for (int r = 0; r < rows; r++) {
                    double reach = 0;
                    double dot = 0;
                    double size = 0;
                    for (int i = 0; i < dims; i++) {
                        int at = r * dims + i;
                        assertThat(p[at] + d[at]).isBetween(-1e-6f, 1 + 1e-6f);
                        dot += w[at] * d[at];
                        reach += Math.abs(w[at]) * (Math.signum(w[at]) * Math.signum(c[r]) > 0 ? 1 - p[at] : p[at]);
                        size = norm == Norm.L2 ? size + d[at] * d[at] : Math.max(size, Math.abs(d[at]));
                    }
                    size = norm == Norm.L2 ? Math.sqrt(size) : size;
                    if (reach >= Math.abs(c[r])) {
                        assertThat(dot).as("%s row %d on the plane", norm, r).isCloseTo(c[r], within(1e-4));
                        // No feasible point of the plane is shorter: compare with random points of the plane in the
                        // box.
                        for (int trial = 0; trial < 200; trial++) {
                            double other = randomFeasibleSize(norm, p, w, c[r], r, dims, random);
                            assertThat(size).as("%s row %d", norm, r).isLessThanOrEqualTo(other + 1e-5);
                        }
                    }
                }
            }
        }
    }

    /** @return the size of a random point of the plane within the box (the full-reach step scaled), or +∞ */
    private static double randomFeasibleSize(Norm norm, float[] p, float[] w, float c, int r, int dims, Random random) {
        double[] e = new double[dims];
        double dot = 0;
        for (int i = 0; i < dims; i++) {
            int at = r * dims + i;
            double towards = Math.signum(w[at]) * Math.signum(c) > 0 ? 1 - p[at] : -p[at];
            e[i] = random.nextDouble() < 0.5 ? towards * random.nextDouble() : 0;
            dot += w[at] * e[i];
        }
        double scale = c / dot;
        if (!(scale > 0 && scale <= 1)) {
            return Double.POSITIVE_INFINITY;
        }
        double size = 0;
        for (int i = 0; i < dims; i++) {
            double v = e[i] * scale;
            size = norm == Norm.L2 ? size + v * v : Math.max(size, Math.abs(v));
        }
        return norm == Norm.L2 ? Math.sqrt(size) : size;
    }

    private static void assertProjection(Norm norm, float[] p, float[] w, float c, float[] expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] d = BoundaryProjection.project(
                            norm,
                            m.create(p, new Shape(1, p.length)),
                            m.create(w, new Shape(1, w.length)),
                            m.create(new float[] {c}))
                    .toFloatArray();
            for (int i = 0; i < d.length; i++) {
                assertThat(d[i])
                        .as(
                                "%s, p=%s w=%s c=%s, coordinate %d",
                                norm, java.util.Arrays.toString(p), java.util.Arrays.toString(w), c, i)
                        .isCloseTo(expected[i], within(1e-6f));
            }
        }
    }
}
