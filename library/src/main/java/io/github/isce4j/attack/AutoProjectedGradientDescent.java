package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.InputLoss;
import io.github.isce4j.model.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Auto-PGD (Croce &amp; Hein 2020, docs/method.md §3.12) in L2 or L∞: projected gradient ascent whose
 * step size needs no tuning. The step starts at 2ε and is halved, per example, at the checkpoints
 * of {@link StepSizeControl} when the objective stopped rising, the iterate then restarting from
 * the best point found; each step mixes the projected gradient step with the previous move
 * (momentum 0.75, none on the first step). It starts from a random point of the ball.
 *
 * <p>Untargeted, it ascends its loss (CE or DLR) against the true label. Targeted, it runs once per
 * target class, the classes ranked 2nd, 3rd, … by the clean logits, and descends the loss toward
 * the target (DLR in its targeted form). Only images classified correctly and not yet broken are
 * attacked by a run; restarts work the same way. The first run that misclassifies an image decides
 * its output (its last misclassified iterate before it left the run); an image never broken gets
 * the point of highest objective over all runs. Broken images leave a run's batch once at least a
 * tenth of it is broken, so the remaining steps cost only the images still robust; its queries
 * count the steps it took.
 *
 * <p>With {@code eotDraws > 1} the gradient (and the objective) is the average over that many calls,
 * the expectation over transformation for randomized classifiers; a classifier whose gradients are
 * already their expectation ({@link Classifier#exactExpectedGradients()}) is asked once.
 *
 * <p>Everything is batched: the step sizes are one [n] array, the halving decisions one boolean
 * mask, and the still-robust images of a run are gathered into one batch.
 */
public final class AutoProjectedGradientDescent implements Attack {

    private static final NDIndex ALL = new NDIndex(":");

    private final ApgdSpec spec;

    /**
     * @param spec the settings, already checked
     */
    public AutoProjectedGradientDescent(ApgdSpec spec) {
        this.spec = spec;
    }

    /**
     * The step counts after which the step size is reconsidered, for N iterations (docs/method.md §3.12).
     *
     * @param iterations N ≥ 1
     * @return w_1 &lt; w_2 &lt; … ≤ N; for N = 100: 22, 41, 57, 70, 80, 87, 93, 99
     */
    public static int[] checkpoints(int iterations) {
        return StepSizeControl.checkpoints(iterations);
    }

    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        NDManager caller = images.getManager();
        int n = Math.toIntExact(images.getShape().get(0));
        long[] y = labels.toLongArray();
        int draws = classifier.exactExpectedGradients() ? 1 : spec.eotDraws();
        try (NDManager work = caller.newSubManager()) {
            NDArray x0 = images.get(work, ALL);
            NDArray truth = labels.get(work, ALL);
            NDArray clean = classifier.logits(x0);
            boolean[] open = clean.argMax(1).eq(truth).toBooleanArray();
            int rounds = Math.min(spec.targets(), classifier.numClasses() - 1);
            // Column r of the ranking is the class with the (r+1)-th largest clean logit.
            long[][] ranked = rounds == 0 ? null : ranking(clean, rounds + 1, n);
            long[] targets = rounds == 0 ? null : targetsOf(ranked, 1, y);
            NDArray output = x0.duplicate();
            NDArray outputObjective = work.full(new Shape(n), Float.NEGATIVE_INFINITY);
            int[] queries = new int[n];
            for (int round = 1; round <= Math.max(1, rounds); round++) {
                for (int restart = 0; restart < spec.restarts(); restart++) {
                    int[] rows = indices(open);
                    if (rows.length == 0) {
                        break;
                    }
                    try (NDManager m = work.newSubManager()) {
                        NDArray index = m.create(toLong(rows));
                        long[] roundTargets = rounds == 0 ? null : targetsOf(ranked, round, y);
                        NDIndex subset = new NDIndex("{}", index);
                        Run r = singleRun(
                                classifier,
                                x0.get(m, subset),
                                truth.get(m, subset),
                                roundTargets == null ? null : m.create(pick(roundTargets, rows)),
                                draws,
                                random,
                                m);
                        boolean[] fooled = r.fooled.toBooleanArray();
                        // Scatter back: a full-size gather from the subset (rows outside it read row 0 and are masked
                        // out).
                        long[] inverse = new long[n];
                        boolean[] inSubset = new boolean[n];
                        for (int j = 0; j < rows.length; j++) {
                            inverse[rows[j]] = j;
                            inSubset[rows[j]] = true;
                            queries[rows[j]] += (r.steps[j] + 1) * draws;
                            if (fooled[j]) {
                                open[rows[j]] = false;
                                if (targets != null) {
                                    targets[rows[j]] = roundTargets[rows[j]];
                                }
                            }
                        }
                        NDIndex back = new NDIndex("{}", m.create(inverse));
                        NDArray full = r.images.get(back);
                        NDArray fullObjective = r.objective.get(back);
                        NDArray member = m.create(inSubset);
                        // A broken image takes this run's point; an unbroken one its highest-objective point so far.
                        NDArray take =
                                member.logicalAnd(r.fooled.get(back).logicalOr(fullObjective.gt(outputObjective)));
                        output = NDArrays.where(rows(take, x0.getShape()), full, output);
                        outputObjective = NDArrays.where(take, fullObjective, outputObjective);
                        output.attach(work);
                        outputObjective.attach(work);
                    }
                }
            }
            output.attach(caller);
            return AttackResult.measure(
                    classifier, images, output, targets == null ? labels : caller.create(targets), targets, queries);
        }
    }

    /**
     * One APGD run on a batch: its output points, whether each was broken, its best objective, and
     * how many steps each image took (a broken image leaves the batch early).
     */
    private record Run(NDArray images, NDArray fooled, NDArray objective, int[] steps) {}

    private Run singleRun(
            Classifier classifier, NDArray x0, NDArray truth, NDArray targets, int draws, Random random, NDManager m) {
        int n = Math.toIntExact(x0.getShape().get(0));
        Norm norm = spec.norm();
        double eps = spec.eps();
        float direction = targets == null ? 1f : -1f;
        InputLoss loss = targets == null ? spec.loss().loss() : spec.loss().targeted(truth);
        NDArray attacked = targets == null ? truth : targets;
        NDArray x = norm.uniformStart(m, x0.getShape(), eps, random).add(x0).clip(0, 1);
        Ascent a = ascent(classifier, x, attacked, loss, direction, draws);
        StepSizeControl control = new StepSizeControl(a.objective, spec.iterations(), spec.rho(), m);
        NDArray step = m.full(new Shape(n), (float) (2 * eps)).reshape(broadcast(n, x0.getShape()));
        NDArray gradient = a.gradient;
        NDArray previous = x;
        NDArray best = x;
        NDArray bestGradient = gradient;
        NDArray fooled = a.logits.argMax(1).neq(truth);
        NDArray adversarial = x;
        Finished finished = new Finished(n);
        int[] live = IntStream.range(0, n).toArray(); // the run's rows still in the batch
        for (int i = 0; i < spec.iterations() && live.length > 0; i++) {
            try (NDManager s = m.newSubManager()) {
                // What this step replaces is freed with s; what it keeps goes back to m below.
                for (NDArray state :
                        new NDArray[] {x, previous, gradient, step, best, bestGradient, adversarial, fooled}) {
                    state.attach(s);
                }
                Shape shape = x0.getShape();
                float momentum = i == 0 ? 1f : 0.75f;
                NDArray z = project(x.add(norm.step(gradient).mul(step)), x0);
                NDArray moved = project(
                        x.add(z.sub(x).mul(Scalar.of(z, momentum)))
                                .add(x.sub(previous).mul(Scalar.of(x, 1 - momentum))),
                        x0);
                previous = x;
                x = moved;
                a = ascent(classifier, x, attacked, loss, direction, draws);
                gradient = a.gradient;
                NDArray wrong = a.logits.argMax(1).neq(truth);
                adversarial = NDArrays.where(rows(wrong, shape), x, adversarial);
                fooled = fooled.logicalOr(wrong);
                NDArray improved = rows(control.observe(a.objective), shape);
                best = NDArrays.where(improved, x, best);
                bestGradient = NDArrays.where(improved, gradient, bestGradient);
                NDArray halve = control.halve();
                if (halve != null) {
                    NDArray h = rows(halve, shape);
                    NDArray halved = step.div(Scalar.of(step, 2));
                    step = NDArrays.where(halve.reshape(broadcast(live.length, shape)), halved, step);
                    x = NDArrays.where(h, best, x);
                    gradient = NDArrays.where(h, bestGradient, gradient);
                }
                // A broken image is done (its point is kept); once enough are, they leave the batch,
                // so the remaining steps cost only the images still robust. Each image's trajectory
                // depends on itself alone, so the others' results do not change.
                boolean[] broken = fooled.toBooleanArray();
                int[] stay = positions(broken, false);
                int[] leave = positions(broken, true);
                if (leave.length > 0 && (stay.length == 0 || leave.length >= Math.max(1, live.length / 10))) {
                    NDIndex gone = new NDIndex("{}", s.create(toLong(leave)));
                    finished.add(
                            live, leave, adversarial.get(gone), control.best().get(gone), i + 1, m);
                    live = pick(live, stay);
                    if (stay.length == 0) {
                        break;
                    }
                    // The full-size state is in s and freed with it; the kept rows go back to m below.
                    NDIndex keep = new NDIndex("{}", s.create(toLong(stay)));
                    x = x.get(keep);
                    previous = previous.get(keep);
                    gradient = gradient.get(keep);
                    step = step.get(keep);
                    best = best.get(keep);
                    bestGradient = bestGradient.get(keep);
                    adversarial = adversarial.get(keep);
                    fooled = fooled.get(keep);
                    control.keepRows(keep);
                    x0 = shrink(x0, keep, m, s);
                    NDArray smaller = shrink(truth, keep, m, s);
                    attacked = targets == null ? smaller : shrink(attacked, keep, m, s);
                    truth = smaller;
                    loss = targets == null ? loss : spec.loss().targeted(truth);
                }
                for (NDArray kept :
                        new NDArray[] {x, previous, gradient, step, best, bestGradient, adversarial, fooled}) {
                    kept.attach(m);
                }
            }
        }
        if (live.length > 0) {
            NDArray out = NDArrays.where(rows(fooled, x0.getShape()), adversarial, best);
            finished.add(live, fooled.toBooleanArray(), out, control.best(), spec.iterations());
        }
        return finished.run(m);
    }

    /** @return the rows {@code keep} of a run-long array, in {@code m}; the old array is freed with the step */
    private static NDArray shrink(NDArray array, NDIndex keep, NDManager m, NDManager step) {
        NDArray smaller = array.get(keep);
        smaller.attach(m);
        array.attach(step);
        return smaller;
    }

    /** The images of one run as they finish: their points, objectives and step counts, in run order at the end. */
    private static final class Finished {
        private final List<NDArray> images = new ArrayList<>();
        private final List<NDArray> objectives = new ArrayList<>();
        private final long[] at;
        private final boolean[] fooled;
        private final int[] steps;
        private int count;

        Finished(int n) {
            at = new long[n];
            fooled = new boolean[n];
            steps = new int[n];
        }

        /** Broken images leaving the batch: {@code gone} are positions in {@code live}. */
        void add(int[] live, int[] gone, NDArray points, NDArray objective, int taken, NDManager m) {
            boolean[] all = new boolean[gone.length];
            Arrays.fill(all, true);
            add(pick(live, gone), all, points, objective, taken);
            points.attach(m);
            objective.attach(m);
        }

        /** @param rows the run's rows, in the order of {@code points} */
        void add(int[] rows, boolean[] broken, NDArray points, NDArray objective, int taken) {
            for (int j = 0; j < rows.length; j++) {
                at[rows[j]] = count + j;
                fooled[rows[j]] = broken[j];
                steps[rows[j]] = taken;
            }
            count += rows.length;
            images.add(points);
            objectives.add(objective);
        }

        Run run(NDManager m) {
            NDIndex order = new NDIndex("{}", m.create(at));
            NDArray points = images.size() == 1 ? images.get(0) : NDArrays.concat(new NDList(images));
            NDArray objective = objectives.size() == 1 ? objectives.get(0) : NDArrays.concat(new NDList(objectives));
            return new Run(points.get(order), m.create(fooled), objective.get(order), steps);
        }
    }

    /** The objective to ascend at x, its gradient and the logits, averaged over the EOT draws. */
    private record Ascent(NDArray logits, NDArray objective, NDArray gradient) {}

    private static Ascent ascent(
            Classifier classifier, NDArray x, NDArray labels, InputLoss loss, float direction, int draws) {
        NDArray logits = null;
        NDArray objective = null;
        NDArray gradient = null;
        for (int d = 0; d < draws; d++) {
            InputGradients g = classifier.inputGradient(x, labels, loss);
            logits = g.logits(); // the last draw's, as a deployed randomized model answers
            objective = objective == null ? g.value() : objective.add(g.value());
            gradient = gradient == null ? g.gradient() : gradient.add(g.gradient());
        }
        float scale = direction / draws;
        return new Ascent(logits, objective.mul(Scalar.of(objective, scale)), gradient.mul(Scalar.of(gradient, scale)));
    }

    private NDArray project(NDArray point, NDArray x0) {
        return spec.norm().project(point.sub(x0), spec.eps()).add(x0).clip(0, 1);
    }

    /** @return per example the {@code count} classes of largest clean logit, largest first */
    private static long[][] ranking(NDArray logits, int count, int n) {
        long[] order = logits.neg().argSort(1).toLongArray();
        int k = Math.toIntExact(logits.getShape().get(1));
        long[][] ranked = new long[count][n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < count; r++) {
                ranked[r][i] = order[i * k + r];
            }
        }
        return ranked;
    }

    /**
     * @return the targets of one round: the class ranked {@code r}-th (0 = largest logit), or, where
     *     a tie put the true label there, the class ranked first, so a target is never the label
     */
    private static long[] targetsOf(long[][] ranked, int r, long[] y) {
        long[] t = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            t[i] = ranked[r][i] == y[i] ? ranked[0][i] : ranked[r][i];
        }
        return t;
    }

    private static int[] indices(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) {
            count += f ? 1 : 0;
        }
        int[] rows = new int[count];
        for (int i = 0, j = 0; i < flags.length; i++) {
            if (flags[i]) {
                rows[j++] = i;
            }
        }
        return rows;
    }

    /** @return the positions where {@code flags} equals {@code value} */
    private static int[] positions(boolean[] flags, boolean value) {
        return IntStream.range(0, flags.length).filter(i -> flags[i] == value).toArray();
    }

    private static int[] pick(int[] values, int[] rows) {
        return Arrays.stream(rows).map(j -> values[j]).toArray();
    }

    private static long[] pick(long[] values, int[] rows) {
        long[] picked = new long[rows.length];
        for (int j = 0; j < rows.length; j++) {
            picked[j] = values[rows[j]];
        }
        return picked;
    }

    private static long[] toLong(int[] rows) {
        return Arrays.stream(rows).asLongStream().toArray();
    }

    /** @return a per-example mask [n] spread over whole images, as where() needs equal shapes */
    private static NDArray rows(NDArray mask, Shape shape) {
        return mask.reshape(broadcast(shape.get(0), shape)).broadcast(shape);
    }

    private static Shape broadcast(long n, Shape shape) {
        long[] dims = new long[shape.dimension()];
        Arrays.fill(dims, 1);
        dims[0] = n;
        return new Shape(dims);
    }
}
