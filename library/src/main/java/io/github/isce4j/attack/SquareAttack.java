package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The Square attack (Andriushchenko et al. 2020), score-based and black-box, in L∞ or L2
 * (docs/method.md §3, Square). It only reads the deployed logits z ({@link Classifier#deployedLogits},
 * what a score-based attacker observes) and lowers the margin z_y − max_{k≠y} z_k by random search:
 * each query proposes the current point with one random square window changed, and keeps it when the
 * margin falls. The window's side is √(p·H·W), p halving from p_init along a schedule over the
 * query budget (at 10, 50, 200, 500, 1,000, 2,000, 4,000, 6,000 and 8,000 ten-thousandths of it).
 * <ul>
 * <li>L∞: the start puts ±ε vertical stripes on every column and channel; a proposal sets the
 * window, per channel, to x₀ ± ε, a vertex of the ball.
 * <li>L2: the start tiles the image with signed "centre-peaked" squares scaled to ‖δ‖ = ε; a proposal
 * moves the perturbation's mass from a second window into the first, gives the first window a new
 * signed centre-peaked pattern plus its old content, and rescales the whole perturbation to ε.
 * </ul>
 * Queries count every forward pass, the clean image's included, and never exceed the budget. An
 * image stops when the margin turns negative (misclassified) or at the budget; images the model
 * already gets wrong cost one query and stay clean. Batched: one forward pass per step for all
 * running images, which leave the batch when they stop.
 */
public final class SquareAttack implements Attack {

    private static final NDIndex ALL = new NDIndex(":");
    /** The schedule's steps, in ten-thousandths of the budget; p halves after each. */
    private static final int[] HALVINGS = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};

    private final SquareSpec spec;

    /** @param spec the settings, already checked */
    public SquareAttack(SquareSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean blackBox() {
        return true;
    }

    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        NDManager caller = images.getManager();
        Shape shape = images.getShape();
        int n = (int) shape.get(0);
        int k = classifier.numClasses();
        long[] y = labels.toLongArray();
        int[] queries = new int[n];
        double[] margin = new double[n];
        NDArray adversarial;
        try (NDManager work = caller.newSubManager()) {
            NDArray x0 = images.get(work, ALL);
            float[] z = classifier.deployedLogits(x0).toFloatArray();
            Arrays.fill(queries, 1);
            for (int i = 0; i < n; i++) {
                margin[i] = margin(z, i, k, y[i]);
            }
            // Rows of concat(x0, finished...) that hold each image's result; clean by default.
            long[] resultRow = new long[n];
            Arrays.setAll(resultRow, i -> i);
            List<NDArray> chunks = new ArrayList<>(List.of(x0));
            long offset = n;

            int[] ids = java.util.stream.IntStream.range(0, n)
                    .filter(i -> running(margin, queries, i))
                    .toArray();
            NDArray start = ids.length == 0 ? null : rows(x0, ids, work);
            NDArray best = start;
            // Pass 0 queries the start (taken whatever its margin); each later pass one proposal.
            for (int it = -1; ids.length > 0; it++) {
                try (NDManager step = work.newSubManager()) {
                    step.attachAll(start, best);
                    int m = ids.length;
                    NDArray candidate = it < 0
                            ? initial(start, random)
                            : spec.norm() == Norm.LINF
                                    ? proposeLinf(start, best, it, random)
                                    : proposeL2(start, best, it, random);
                    boolean[] accept = new boolean[m];
                    query(classifier, candidate, ids, y, k, margin, queries, it < 0 ? null : accept);
                    if (it < 0) {
                        Arrays.fill(accept, true);
                    }
                    NDArray moved = NDArrays.where(
                            step.create(accept).reshape(m, 1, 1, 1).broadcast(best.getShape()), candidate, best);
                    int[] still = Arrays.stream(ids)
                            .filter(i -> running(margin, queries, i))
                            .toArray();
                    if (still.length < m) {
                        int[] local = new int[m - still.length];
                        int[] keep = new int[still.length];
                        int l = 0;
                        int s = 0;
                        for (int j = 0; j < m; j++) {
                            if (running(margin, queries, ids[j])) {
                                keep[s++] = j;
                            } else {
                                resultRow[ids[j]] = offset + l;
                                local[l++] = j;
                            }
                        }
                        NDArray done = rows(moved, local, step);
                        done.attach(work);
                        chunks.add(done);
                        offset += local.length;
                        moved = still.length == 0 ? null : rows(moved, keep, step);
                        start = still.length == 0 ? null : rows(start, keep, step);
                    }
                    if (moved != null) {
                        work.attachAll(moved, start);
                    }
                    best = moved;
                    ids = still;
                }
            }
            adversarial = chunks.size() == 1
                    ? x0.duplicate()
                    : NDArrays.concat(new NDList(chunks)).get(new NDIndex("{}", work.create(resultRow)));
            adversarial.attach(caller);
        }
        return AttackResult.measure(classifier, images, adversarial, labels, null, queries);
    }

    /** @return whether image i still searches: correctly classified so far and with budget left */
    private boolean running(double[] margin, int[] queries, int i) {
        return margin[i] >= 0 && queries[i] < spec.maxQueries();
    }

    /**
     * Queries the candidates of the running images, one query each, and keeps improvements.
     *
     * @param accept null to take every candidate (the start), else filled with what improved
     */
    private static void query(
            Classifier classifier,
            NDArray candidates,
            int[] ids,
            long[] y,
            int k,
            double[] margin,
            int[] queries,
            boolean[] accept) {
        float[] z = classifier.deployedLogits(candidates).toFloatArray();
        for (int j = 0; j < ids.length; j++) {
            int i = ids[j];
            queries[i]++;
            double value = margin(z, j, k, y[i]);
            if (accept == null || value < margin[i]) {
                margin[i] = value;
                if (accept != null) {
                    accept[j] = true;
                }
            }
        }
    }

    /** @return z_y − max_{k≠y} z_k of one row, in double */
    static double margin(float[] z, int row, int k, long y) {
        double other = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (c != y) {
                other = Math.max(other, z[row * k + c]);
            }
        }
        return z[row * k + (int) y] - other;
    }

    /**
     * @param iteration the random-search step, 0 for the first query after the start
     * @return the fraction p of the image a square covers at that step
     */
    double fraction(int iteration) {
        int scaled = (int) ((long) iteration * 10_000 / spec.maxQueries());
        double p = spec.pInit();
        for (int h : HALVINGS) {
            if (scaled > h) {
                p /= 2;
            }
        }
        return p;
    }

    /** @return the square's side at a step: √(p·H·W) rounded, at least {@code min}, at most the image */
    int side(int iteration, int height, int width, int min) {
        int s = Math.max((int) Math.round(Math.sqrt(fraction(iteration) * height * width)), min);
        if (min > 1 && s % 2 == 0) {
            s++; // odd, so the L2 pattern has a centre pixel
        }
        return Math.min(s, Math.min(height, width));
    }

    private NDArray initial(NDArray x0, Random random) {
        Shape shape = x0.getShape();
        int m = (int) shape.get(0);
        int c = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        NDManager manager = x0.getManager();
        float eps = (float) spec.eps();
        if (spec.norm() == Norm.LINF) {
            NDArray stripes = manager.create(signs(m * c * w, random), new Shape(m, c, 1, w));
            return x0.add(stripes.mul(Scalar.of(stripes, eps))).clip(0, 1);
        }
        // A grid of tiles, each a centre-peaked pattern with a random sign per image and channel.
        int s = Math.max(h / 5, 1);
        int rowsAt = (h - 5 * s) / 2;
        int colsAt = Math.max((w - 5 * s) / 2, 0);
        float[] delta = new float[m * c * h * w];
        float[][] patterns = {pattern(s, false), pattern(s, true)};
        for (int i = 0; i < m; i++) {
            for (int top = rowsAt; top + s <= h; top += s) {
                for (int left = colsAt; left + s <= w; left += s) {
                    float[] p = patterns[random.nextBoolean() ? 1 : 0];
                    for (int ch = 0; ch < c; ch++) {
                        float sign = random.nextBoolean() ? 1f : -1f;
                        for (int r = 0; r < s; r++) {
                            for (int q = 0; q < s; q++) {
                                delta[((i * c + ch) * h + top + r) * w + left + q] = sign * p[r * s + q];
                            }
                        }
                    }
                }
            }
        }
        NDArray d = manager.create(delta, shape);
        return x0.add(unit(d).mul(Scalar.of(x0, eps))).clip(0, 1);
    }

    private NDArray proposeLinf(NDArray x0, NDArray best, int iteration, Random random) {
        Shape shape = x0.getShape();
        int m = (int) shape.get(0);
        int c = (int) shape.get(1);
        int s = side(iteration, (int) shape.get(2), (int) shape.get(3), 1);
        NDArray window = window(x0, s, random).broadcast(shape).toType(DataType.BOOLEAN, false);
        NDArray sign = x0.getManager().create(signs(m * c, random), new Shape(m, c, 1, 1));
        NDArray vertex = x0.add(sign.mul(Scalar.of(sign, (float) spec.eps()))).clip(0, 1);
        return NDArrays.where(window, vertex, best);
    }

    private NDArray proposeL2(NDArray x0, NDArray best, int iteration, Random random) {
        Shape shape = x0.getShape();
        int m = (int) shape.get(0);
        int c = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        NDManager manager = x0.getManager();
        int s = side(iteration, h, w, 3);
        NDArray[] offsets = offsets(x0, s, random);
        NDArray rowOffset = offsets[0];
        NDArray colOffset = offsets[1];
        NDArray first = inside(rowOffset, s).mul(inside(colOffset, s)); // [m, 1, H, W]
        NDArray second = window(x0, s, random);
        NDArray delta = best.sub(x0);
        NDArray both = first.maximum(second);
        NDArray own = perChannel(delta.mul(first)); // [m, C, 1, 1]
        NDArray total = perImage(delta);
        NDArray moved = perImage(delta.mul(both));
        // The pattern at the first window, transposed for about half the images.
        NDArray r = rowOffset.clip(0, s - 1);
        NDArray q = colOffset.clip(0, s - 1);
        NDArray flip = manager.create(flags(m, random)).reshape(m, 1, 1, 1);
        NDArray straight = r.mul(Scalar.of(r, s)).add(q);
        NDArray index = straight.add(q.mul(Scalar.of(q, s)).add(r).sub(straight).mul(flip));
        NDArray placed = manager.create(pattern(s, false)).take(index).mul(first); // [m, 1, H, W]
        NDArray signs = manager.create(signs(m * c, random), new Shape(m, c, 1, 1));
        NDArray fresh = placed.mul(signs).add(delta.mul(first).div(own.add(Scalar.of(own, 1e-12f))));
        float eps2 = (float) (spec.eps() * spec.eps());
        NDArray mass = total.square()
                .neg()
                .add(Scalar.of(total, eps2))
                .maximum(Scalar.of(total, 0))
                .div(Scalar.of(total, c))
                .add(moved.square())
                .sqrt();
        fresh = fresh.div(perChannel(fresh).add(Scalar.of(fresh, 1e-12f))).mul(mass);
        NDArray next = delta.mul(both.neg().add(Scalar.of(both, 1))).add(fresh);
        return x0.add(unit(next).mul(Scalar.of(x0, (float) spec.eps()))).clip(0, 1);
    }

    /** @return a random s × s window per image, as a 0/1 float mask [m, 1, H, W] */
    private static NDArray window(NDArray x0, int s, Random random) {
        NDArray[] offsets = offsets(x0, s, random);
        return inside(offsets[0], s).mul(inside(offsets[1], s));
    }

    /**
     * @return per image a random window position, as row offsets [m, 1, H, 1] and column offsets
     *     [m, 1, 1, W] of every pixel from the window's top-left corner
     */
    private static NDArray[] offsets(NDArray x0, int s, Random random) {
        Shape shape = x0.getShape();
        int m = (int) shape.get(0);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        long[] top = new long[m];
        long[] left = new long[m];
        for (int j = 0; j < m; j++) {
            top[j] = random.nextInt(h - s + 1);
            left[j] = random.nextInt(w - s + 1);
        }
        NDManager manager = x0.getManager();
        NDArray rows = manager.arange(0, h, 1, DataType.INT64)
                .reshape(1, 1, h, 1)
                .sub(manager.create(top).reshape(m, 1, 1, 1));
        NDArray cols = manager.arange(0, w, 1, DataType.INT64)
                .reshape(1, 1, 1, w)
                .sub(manager.create(left).reshape(m, 1, 1, 1));
        return new NDArray[] {rows, cols};
    }

    private static NDArray inside(NDArray offset, int s) {
        return offset.gte(Scalar.of(offset, 0))
                .logicalAnd(offset.lt(Scalar.of(offset, s)))
                .toType(DataType.FLOAT32, false);
    }

    /**
     * A pattern of nested squares around the centre, each ring weighted 1/(ring + 1)² summed from the
     * ring outward, positive in the top half and negative in the bottom half, unit L2 norm; the
     * Square attack's L2 update shape.
     */
    static float[] pattern(int s, boolean transposed) {
        double[] p = new double[s * s];
        int upper = s / 2;
        rings(p, s, 0, upper, 1);
        rings(p, s, upper, s - upper, -1);
        double norm = 0;
        for (double v : p) {
            norm += v * v;
        }
        float[] out = new float[s * s];
        for (int r = 0; r < s; r++) {
            for (int q = 0; q < s; q++) {
                out[transposed ? q * s + r : r * s + q] = (float) (p[r * s + q] / Math.sqrt(norm));
            }
        }
        return out;
    }

    /** Fills rows [from, from + count) of an s-wide pattern with unit-norm nested rings times sign. */
    private static void rings(double[] p, int s, int from, int count, int sign) {
        if (count == 0) {
            return;
        }
        int cr = count / 2;
        int cq = s / 2;
        int outer = Math.max(count / 2 + 1, s / 2 + 1);
        double norm = 0;
        double[] block = new double[count * s];
        for (int r = 0; r < count; r++) {
            for (int q = 0; q < s; q++) {
                int ring = Math.max(Math.abs(r - cr), Math.abs(q - cq));
                double v = 0;
                for (int j = ring; j < outer; j++) {
                    v += 1.0 / ((j + 1) * (j + 1));
                }
                block[r * s + q] = v;
                norm += v * v;
            }
        }
        for (int r = 0; r < count; r++) {
            for (int q = 0; q < s; q++) {
                p[(from + r) * s + q] = sign * block[r * s + q] / Math.sqrt(norm);
            }
        }
    }

    private static NDArray perChannel(NDArray a) {
        return a.square().sum(new int[] {2, 3}, true).sqrt();
    }

    private static NDArray perImage(NDArray a) {
        return a.square().sum(new int[] {1, 2, 3}, true).sqrt();
    }

    private static NDArray unit(NDArray a) {
        return a.div(perImage(a).add(Scalar.of(a, 1e-12f)));
    }

    private static float[] signs(int count, Random random) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = random.nextBoolean() ? 1f : -1f;
        }
        return v;
    }

    private static long[] flags(int count, Random random) {
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = random.nextBoolean() ? 1 : 0;
        }
        return v;
    }

    /** @return the given rows of an array, attached to {@code manager} */
    private static NDArray rows(NDArray array, int[] rows, NDManager manager) {
        long[] index = Arrays.stream(rows).asLongStream().toArray();
        return array.get(manager, new NDIndex("{}", manager.create(index)));
    }
}
