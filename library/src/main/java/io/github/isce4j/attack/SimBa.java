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
 * SimBA (Guo et al. 2019, "Simple Black-box Adversarial Attacks"), score-based and black-box
 * (docs/method.md §3). The oracle is the deployed probability of the true class (untargeted, lowered) or
 * of the target class (targeted, raised), compared through its log-odds ln(p / (1 − p)) computed
 * in float64 from the deployed logits ({@link Classifier#deployedLogits}): the same decisions as
 * comparing p exactly, where float32 would round a confident model's p to exactly 1 and leave no
 * probe that lowers it (MMC's and ArcFace's softmax saturate like that). Each image walks
 * through its own order of orthonormal directions q ({@link SimBaBasis}); per step it probes
 * clip(x − ε·q, 0, 1) and keeps it if the oracle strictly improves, otherwise probes
 * clip(x + ε·q, 0, 1) and keeps that if it strictly improves. Every probe is one query; the clean
 * image's query counts too. An image stops at success (untargeted: the argmax of its deployed
 * logits differs from the label; targeted: it is the target), when its next probe would
 * exceed the query budget, or when its directions run out.
 *
 * <p>Success during the attack is read off the oracle's output (argmax of the deployed
 * logits), which is all a black-box attacker sees; the record's success uses
 * {@link Classifier#predict} (argmax of the raw logits), the same class for softmax and I-SCE.
 *
 * <p>With an L2 bound, a probe whose perturbation clip(x ± ε·q) − x₀ is longer than the bound is
 * not made and costs no query; the direction is used up all the same.
 *
 * <p>Batched: per step every running image probes in one forward pass, then the images that need
 * the second probe in another. Finished images leave the batch, so only running images go
 * through the model.
 */
public final class SimBa implements Attack {

    private static final NDIndex ALL = new NDIndex(":");

    private final SimBaSpec spec;

    /** @param spec the settings, already checked */
    public SimBa(SimBaSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean blackBox() {
        return true;
    }

    /**
     * Attacks with targets chosen by this attack's {@link TargetChoice}; the least-likely target is
     * read off the clean query's deployed logits, so choosing it costs no extra query.
     */
    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        return attack(classifier, images, labels, null, true, random, null);
    }

    /**
     * Attacks with given targets.
     *
     * @param classifier the model
     * @param images [N, C, H, W] in [0, 1]; not modified
     * @param labels true labels
     * @param targets one target per example, never its true label; null for untargeted
     * @param random for the direction orders
     * @return the adversarial images and their record
     */
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, long[] targets, Random random) {
        return attack(classifier, images, labels, targets, false, random, null);
    }

    /** Sees the oracle values and query counts after the clean query and after every step. */
    interface Trace {
        /**
         * @param oracle per image (all N), the current log-odds of the attacked class's probability
         * @param queries per image, queries spent so far
         */
        void step(double[] oracle, int[] queries);
    }

    /** {@link #run(Classifier, NDArray, NDArray, Random)} with a trace, for tests. */
    AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random, Trace trace) {
        return attack(classifier, images, labels, null, true, random, trace);
    }

    private AttackResult attack(
            Classifier classifier,
            NDArray images,
            NDArray labels,
            long[] givenTargets,
            boolean chooseTargets,
            Random random,
            Trace trace) {
        NDManager caller = images.getManager();
        Shape shape = images.getShape();
        int n = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int dims = channels * height * width;
        int k = classifier.numClasses();
        long[] y = labels.toLongArray();
        try (NDManager work = caller.newSubManager()) {
            NDArray x0 = images.get(work, ALL);
            float[] clean = classifier.deployedLogits(x0).toFloatArray();
            long[] targets = chooseTargets
                    ? spec.target().choose(work.create(clean, new Shape(n, k)), y, random)
                    : checked(givenTargets, y);
            boolean targeted = targets != null;
            long[] attacked = targeted ? targets : y;

            double[] oracle = new double[n];
            boolean[] success = new boolean[n];
            int[] queries = new int[n];
            Arrays.fill(queries, 1);
            for (int i = 0; i < n; i++) {
                oracle[i] = logOdds(clean, i, k, attacked[i]);
                success[i] = succeeded(clean, i, k, attacked[i], targeted);
            }
            int[][] orders = new int[n][];
            for (int i = 0; i < n; i++) {
                orders[i] = spec.basis().order(channels, height, width, random);
            }
            int[] next = new int[n];
            if (trace != null) {
                trace.step(oracle.clone(), queries.clone());
            }

            // Rows of `all` (x0 first, then finished chunks) that hold each image's result.
            long[] resultRow = new long[n];
            Arrays.setAll(resultRow, i -> i);
            List<NDArray> chunks = new ArrayList<>();
            chunks.add(x0);
            long chunkOffset = n;

            int[] active = running(allImages(n), success, queries, next, dims);
            NDArray x = active.length == n || active.length == 0 ? x0 : rows(x0, active, work);
            NDArray start = x;
            while (active.length > 0) {
                try (NDManager step = work.newSubManager()) {
                    if (x != x0) {
                        x.attach(step);
                    }
                    if (start != x0 && start != x) {
                        start.attach(step);
                    }
                    int m = active.length;
                    long[] coordinates = new long[m];
                    for (int j = 0; j < m; j++) {
                        int i = active[j];
                        coordinates[j] = orders[i][next[i]++];
                    }
                    NDArray xs = x.get(step, ALL);
                    NDArray q = spec.basis()
                            .directions(step, coordinates, channels, height, width)
                            .mul(Scalar.of(x, (float) spec.eps()));
                    NDArray minus = xs.sub(q).clip(0f, 1f);
                    NDArray plus = xs.add(q).clip(0f, 1f);
                    boolean[] allowMinus = withinBound(minus, start, step, m);
                    boolean[] allowPlus = withinBound(plus, start, step, m);

                    boolean[] acceptMinus = probe(
                            classifier,
                            minus,
                            active,
                            allowMinus,
                            null,
                            attacked,
                            targeted,
                            oracle,
                            success,
                            queries,
                            k,
                            step);
                    boolean[] acceptPlus = probe(
                            classifier,
                            plus,
                            active,
                            allowPlus,
                            acceptMinus,
                            attacked,
                            targeted,
                            oracle,
                            success,
                            queries,
                            k,
                            step);

                    NDArray keepPlus = NDArrays.where(mask(step, acceptPlus, xs.getShape()), plus, xs);
                    NDArray moved = NDArrays.where(mask(step, acceptMinus, xs.getShape()), minus, keepPlus)
                            .toType(DataType.FLOAT32, false);

                    int[] still = running(active, success, queries, next, dims);
                    if (still.length < m) {
                        int[] leaving = leaving(active, still);
                        NDArray done = rows(moved, local(active, leaving), step);
                        done.attach(work);
                        chunks.add(done);
                        for (int r = 0; r < leaving.length; r++) {
                            resultRow[leaving[r]] = chunkOffset + r;
                        }
                        chunkOffset += leaving.length;
                    }
                    if (still.length > 0) {
                        boolean shrink = still.length < m;
                        NDArray nextX = shrink ? rows(moved, local(active, still), step) : moved;
                        NDArray nextStart = shrink ? rows(start.get(step, ALL), local(active, still), step) : start;
                        nextX.attach(work);
                        if (nextStart != x0) {
                            nextStart.attach(work);
                        }
                        x = nextX;
                        start = nextStart;
                    }
                    active = still;
                }
                if (trace != null) {
                    trace.step(oracle.clone(), queries.clone());
                }
            }

            NDArray adversarial = chunks.size() == 1
                    ? x0.duplicate()
                    : NDArrays.concat(new NDList(chunks)).get(new NDIndex("{}", work.create(resultRow)));
            adversarial.attach(caller);
            return AttackResult.measure(
                    classifier, images, adversarial, targeted ? caller.create(targets) : labels, targets, queries);
        }
    }

    /**
     * Makes one probe for the images that may: allowed, not already accepted this step and with
     * budget left. Spends their queries and updates their oracle and success where it improves.
     *
     * @return per running image, whether its probe was accepted
     */
    private boolean[] probe(
            Classifier classifier,
            NDArray candidates,
            int[] active,
            boolean[] allowed,
            boolean[] acceptedBefore,
            long[] attacked,
            boolean targeted,
            double[] oracle,
            boolean[] success,
            int[] queries,
            int k,
            NDManager step) {
        int m = active.length;
        int[] probing = new int[m];
        int count = 0;
        for (int j = 0; j < m; j++) {
            int i = active[j];
            if (allowed[j] && (acceptedBefore == null || !acceptedBefore[j]) && queries[i] < spec.maxQueries()) {
                probing[count++] = j;
            }
        }
        boolean[] accepted = new boolean[m];
        if (count == 0) {
            return accepted;
        }
        probing = Arrays.copyOf(probing, count);
        NDArray batch = count == m ? candidates : rows(candidates, probing, step);
        float[] d = classifier.deployedLogits(batch).toFloatArray();
        for (int r = 0; r < count; r++) {
            int j = probing[r];
            int i = active[j];
            queries[i]++;
            double value = logOdds(d, r, k, attacked[i]);
            if (targeted ? value > oracle[i] : value < oracle[i]) {
                accepted[j] = true;
                oracle[i] = value;
                success[i] = succeeded(d, r, k, attacked[i], targeted);
            }
        }
        return accepted;
    }

    /** @return per row, whether the perturbation candidates − start is within the L2 bound */
    private boolean[] withinBound(NDArray candidates, NDArray start, NDManager step, int m) {
        boolean[] ok = new boolean[m];
        if (!bounded()) {
            Arrays.fill(ok, true);
            return ok;
        }
        float[] norms = candidates
                .sub(start.get(step, ALL))
                .reshape(m, -1)
                .norm(new int[] {1})
                .toFloatArray();
        for (int j = 0; j < m; j++) {
            ok[j] = norms[j] <= spec.maxL2();
        }
        return ok;
    }

    private boolean bounded() {
        return spec.maxL2() != Double.POSITIVE_INFINITY;
    }

    /** @return ln(p / (1 − p)) of class {@code c}'s softmax probability p, exactly for any logit gap */
    static double logOdds(float[] deployedLogits, int row, int k, long c) {
        double own = deployedLogits[row * k + (int) c];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (j != c) {
                max = Math.max(max, deployedLogits[row * k + j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            if (j != c) {
                sum += Math.exp(deployedLogits[row * k + j] - max);
            }
        }
        return own - max - Math.log(sum);
    }

    private static boolean succeeded(float[] deployedLogits, int row, int k, long attacked, boolean targeted) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (deployedLogits[row * k + c] > deployedLogits[row * k + best]) {
                best = c;
            }
        }
        return targeted ? best == attacked : best != attacked;
    }

    /** @return the images among {@code candidates} that can still probe */
    private int[] running(int[] candidates, boolean[] success, int[] queries, int[] next, int dims) {
        return Arrays.stream(candidates)
                .filter(i -> !success[i] && queries[i] < spec.maxQueries() && next[i] < dims)
                .toArray();
    }

    private static int[] allImages(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** @return the images of {@code active} not in {@code still} (both ascending) */
    private static int[] leaving(int[] active, int[] still) {
        int[] out = new int[active.length - still.length];
        int s = 0;
        int o = 0;
        for (int i : active) {
            if (s < still.length && still[s] == i) {
                s++;
            } else {
                out[o++] = i;
            }
        }
        return out;
    }

    /** @return the positions in {@code active} (ascending) of the images {@code subset} (ascending) */
    private static int[] local(int[] active, int[] subset) {
        int[] out = new int[subset.length];
        int j = 0;
        for (int s = 0; s < subset.length; s++) {
            while (active[j] != subset[s]) {
                j++;
            }
            out[s] = j;
        }
        return out;
    }

    /** @return the given rows of an array, attached to the array's manager */
    private static NDArray rows(NDArray array, int[] rows, NDManager manager) {
        long[] index = new long[rows.length];
        for (int r = 0; r < rows.length; r++) {
            index[r] = rows[r];
        }
        return array.get(new NDIndex("{}", manager.create(index)));
    }

    /** @return the per-row flags broadcast to the images' shape (DJL's where does not broadcast) */
    private static NDArray mask(NDManager manager, boolean[] rows, Shape shape) {
        return manager.create(rows).reshape(rows.length, 1, 1, 1).broadcast(shape);
    }

    private static long[] checked(long[] targets, long[] labels) {
        if (targets == null) {
            return null;
        }
        if (targets.length != labels.length) {
            throw new IllegalArgumentException(targets.length + " targets for " + labels.length + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (targets[i] == labels[i]) {
                throw new IllegalArgumentException("target of example " + i + " equals its true label " + labels[i]);
            }
        }
        return targets;
    }
}
