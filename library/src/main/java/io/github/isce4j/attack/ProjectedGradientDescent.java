package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.InputLoss;
import io.github.isce4j.model.Scalar;
import java.util.Arrays;
import java.util.Random;

/**
 * Projected gradient descent (Madry et al. 2018) in L2 or L∞, untargeted or targeted, with
 * optional random starts and restarts (docs/method.md §3). Each step moves by {@code stepSize} along the
 * norm's steepest direction of the attack loss, projects the perturbation onto the ε-ball and
 * clips to [0, 1]. Every iterate is scored and the best one per example is kept: a successful
 * iterate beats an unsuccessful one, and otherwise the higher attack objective wins. Built from a
 * {@link PgdSpec} with one attack loss.
 */
public final class ProjectedGradientDescent implements Attack {

    private static final NDIndex ALL = new NDIndex(":");

    private final PgdSpec spec;
    private final AttackLoss loss;

    /**
     * @param spec the settings, already checked, with a single attack loss
     * @throws IllegalStateException when the spec has several losses (build each of its {@link PgdSpec#parts()})
     */
    public ProjectedGradientDescent(PgdSpec spec) {
        AttackSpec.requireSinglePart(spec);
        this.spec = spec;
        this.loss = spec.losses().get(0);
    }

    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        long[] targets;
        try (NDManager m = images.getManager().newSubManager()) {
            targets = spec.target().choose(classifier.logits(images.get(m, ALL)), labels.toLongArray(), random);
        }
        return run(classifier, images, labels, targets, random);
    }

    /**
     * Attacks with given targets.
     *
     * @param classifier the model
     * @param images [N, C, H, W] in [0, 1]; not modified
     * @param labels true labels
     * @param targets one target per example, never its true label; null for untargeted
     * @param random for the random starts
     * @return the best adversarial example per input and its record
     */
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, long[] targets, Random random) {
        NDManager caller = images.getManager();
        try (NDManager work = caller.newSubManager()) {
            NDArray x0 = images.get(work, ALL);
            NDArray attacked = targets == null ? labels.get(work, ALL) : work.create(checked(targets, labels));
            NDArray truth = labels.get(work, ALL);
            long n = x0.getShape().get(0);
            Best best = new Best(
                    x0.duplicate(), work.full(new Shape(n), -1f), work.full(new Shape(n), Float.NEGATIVE_INFINITY));
            float direction = targets == null ? 1f : -1f;
            InputLoss objective = targets == null ? loss.loss() : loss.targeted(truth);
            for (int r = 0; r < spec.restarts(); r++) {
                NDArray x = spec.randomStart()
                        ? spec.norm()
                                .uniformStart(work, x0.getShape(), spec.eps(), random)
                                .add(x0)
                                .clip(0, 1)
                        : x0.duplicate();
                for (int t = 0; t <= spec.steps(); t++) {
                    try (NDManager step = work.newSubManager()) {
                        x.attach(step);
                        InputGradients g = classifier.inputGradient(x, attacked, objective);
                        best = best.improve(x, g, truth, targets == null ? null : attacked, direction);
                        if (t < spec.steps()) {
                            NDArray moved = spec.norm()
                                    .step(g.gradient())
                                    .mul(Scalar.of(x, (float) (direction * spec.stepSize())))
                                    .add(x);
                            x = spec.norm()
                                    .project(moved.sub(x0), spec.eps())
                                    .add(x0)
                                    .clip(0, 1);
                            x.attach(work);
                        }
                        best.attach(work);
                    }
                }
            }
            NDArray adversarial = best.images();
            adversarial.attach(caller);
            int[] queries = new int[(int) x0.getShape().get(0)];
            Arrays.fill(queries, spec.restarts() * (spec.steps() + 1));
            return AttackResult.measure(
                    classifier,
                    images,
                    adversarial,
                    targets == null ? labels : caller.create(targets),
                    targets,
                    queries);
        }
    }

    private static long[] checked(long[] targets, NDArray labels) {
        long[] y = labels.toLongArray();
        for (int i = 0; i < y.length; i++) {
            if (targets[i] == y[i]) {
                throw new IllegalArgumentException("target of example " + i + " equals its true label " + y[i]);
            }
        }
        return targets;
    }

    /**
     * The best iterate so far per example. Iterates are ranked first by what they achieve (reaching
     * the target, then misclassifying at all, then nothing), then by the attack objective, so
     * robust accuracy w.r.t. the true label never suffers from keeping a later iterate.
     */
    private record Best(NDArray images, NDArray rank, NDArray objective) {

        Best improve(NDArray x, InputGradients g, NDArray truth, NDArray targets, float direction) {
            NDArray predicted = g.logits().argMax(1);
            NDArray rank = predicted.neq(truth).toType(DataType.FLOAT32, false);
            if (targets != null) {
                rank = rank.add(predicted.eq(targets).toType(DataType.FLOAT32, false));
            }
            NDArray value = g.value().mul(Scalar.of(g.value(), direction));
            NDArray better = rank.gt(this.rank).logicalOr(rank.eq(this.rank).logicalAnd(value.gt(objective)));
            NDArray rows = better.reshape(-1, 1, 1, 1).broadcast(x.getShape());
            return new Best(
                    NDArrays.where(rows, x, images),
                    NDArrays.where(better, rank, this.rank),
                    NDArrays.where(better, value, objective));
        }

        void attach(NDManager manager) {
            images.attach(manager);
            rank.attach(manager);
            objective.attach(manager);
        }
    }
}
