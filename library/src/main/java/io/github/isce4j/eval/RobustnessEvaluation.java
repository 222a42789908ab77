package io.github.isce4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.attack.Attack;
import io.github.isce4j.attack.AttackResult;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.NonFiniteGradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs attack plans over a labelled image set batch by batch and turns the per-example records
 * into table rows. Robust accuracy is always w.r.t. the true label. Each batch draws its
 * randomness from the seed and its position only, so results do not depend on plan order. A
 * randomized classifier (a random resize-pad defense) judges each image's clean and attacked
 * versions with the same draw, so that with no perturbation robust accuracy is the clean accuracy.
 */
public final class RobustnessEvaluation {

    private final Classifier classifier;
    private final NDArray images;
    private final NDArray labels;
    private final int batchSize;
    private final long seed;
    private final long[] y;
    private final boolean[] correct;
    private final Function<AttackSpec, Attack> attacks;
    private ProgressListener progress = ProgressListener.SILENT;
    private boolean survivorsOnly;

    /**
     * @param classifier the model under attack
     * @param images [N, C, H, W] in [0, 1]
     * @param labels true labels, int64 [N]
     * @param batchSize images per attack batch
     * @param seed seeds every random choice of the attacks
     */
    public RobustnessEvaluation(Classifier classifier, NDArray images, NDArray labels, int batchSize, long seed) {
        this(classifier, images, labels, batchSize, seed, AttackSpec::attack);
    }

    /** As above, with the attacks the specs stand for made by {@code attacks} (tests script them). */
    RobustnessEvaluation(
            Classifier classifier,
            NDArray images,
            NDArray labels,
            int batchSize,
            long seed,
            Function<AttackSpec, Attack> attacks) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.attacks = attacks;
        this.classifier = classifier;
        this.images = images;
        this.labels = labels;
        this.batchSize = batchSize;
        this.seed = seed;
        this.y = labels.toLongArray();
        this.correct = new boolean[y.length];
        forEachBatch((start, x, l) -> {
            long[] predicted =
                    classifier.predict(x, draws(start, predictedRows(x))).toLongArray();
            for (int i = 0; i < predicted.length; i++) {
                correct[start + i] = predicted[i] == y[start + i];
            }
        });
    }

    /** @return accuracy on the clean images */
    public double cleanAccuracy() {
        return fraction(correct);
    }

    /**
     * @param listener hears the attack progress (default: silent)
     * @return this
     */
    public RobustnessEvaluation progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Attacks only the images that can still change a row's robust accuracy: those classified
     * correctly, and for a spec of several parts only those its earlier parts did not break. Robust
     * accuracies are the same as without (the per-image worst case needs no more); a part's accuracy
     * alone is then unknown (NaN) for every part after the first. Plans judged at budgets are
     * exempt when they have several parts (what breaks an image depends on the budget).
     *
     * @param survivors whether to attack only the survivors (default false)
     * @return this
     */
    public RobustnessEvaluation survivorsOnly(boolean survivors) {
        this.survivorsOnly = survivors;
        return this;
    }

    /**
     * @param plans what to run
     * @return one row per plan, or per budget of a plan with budgets, in plan order
     */
    public RobustnessResult run(List<AttackPlan> plans) {
        long work = (long) y.length
                * plans.stream().mapToInt(p -> p.spec().parts().size()).sum();
        List<AttackRow> rows = new ArrayList<>();
        progress.start("attacking", work, "img");
        try {
            long[] done = {0};
            for (AttackPlan plan : plans) {
                long start = System.nanoTime();
                List<Outcome> outcomes = new ArrayList<>();
                boolean[] open = correct.clone();
                Ball ball = Ball.of(plan.spec());
                boolean partial = partial(plan);
                for (AttackSpec part : plan.spec().parts()) {
                    Outcome o = attack(part, done, partial ? open : null);
                    outcomes.add(o);
                    for (int i = 0; i < open.length; i++) {
                        open[i] &= !(o.predictions[i] != y[i] && ball.holds(o, i));
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (plan.budgets().isEmpty()) {
                    rows.add(row(plan, plan.spec().radius(), outcomes, Double.POSITIVE_INFINITY, seconds));
                } else {
                    for (double budget : plan.budgets()) {
                        rows.add(row(plan, budget, outcomes, budget, seconds));
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e; // unfinished: a finished bar would be a line on stderr before the one-line error
        }
        progress.finish();
        return new RobustnessResult(y.length, cleanAccuracy(), rows, ImageOutcomes.encode(correct));
    }

    /**
     * @param plans what to run
     * @return the result
     */
    public RobustnessResult run(AttackPlan... plans) {
        return run(List.of(plans));
    }

    /**
     * @param only the images to attack, or null for all; the others keep their true label as
     *     "prediction" (they are already counted as not robust) and spend nothing
     */
    private Outcome attack(AttackSpec part, long[] done, boolean[] only) {
        long started = System.nanoTime();
        Attack attack = attacks.apply(part);
        Outcome o = new Outcome(part, attack, y.length, only == null ? null : y);
        if (only == null) {
            forEachBatch((start, x, l) -> {
                AttackResult r = sharingDraws(run(attack, part, x, l, start), l, draws(start, predictedRows(x)));
                o.record(start, r);
                done[0] += r.size();
                progress.update(done[0], part.label());
            });
        } else {
            int skipped = y.length - (int) count(only);
            forEachBatchOf(only, (rows, x, l) -> {
                AttackResult r = sharingDraws(run(attack, part, x, l, rows[0]), l, draws(rows));
                o.record(rows, r);
                done[0] += r.size();
                progress.update(done[0], part.label());
            });
            done[0] += skipped; // the progress counts every image of every part, attacked or not
            progress.update(done[0], part.label());
        }
        o.seconds = (System.nanoTime() - started) / 1e9;
        return o;
    }

    /** Runs the attack on one batch, its randomness seeded by the batch's first image. */
    private AttackResult run(Attack attack, AttackSpec part, NDArray x, NDArray l, int first) {
        try {
            return attack.run(classifier, x, l, new Random(seed * 1_000_003L + first));
        } catch (NonFiniteGradient e) {
            throw e.at(part.label() + ", the batch from image " + first + " of the attacked set");
        }
    }

    /**
     * A randomized classifier's verdict on the attack's output, predicted again with each image's
     * draw of the clean pass, so an image counts as broken by what the attack changed, never by a
     * luckier draw: with no perturbation the prediction is the clean one. Success is then w.r.t.
     * the true label (untargeted) or the target.
     */
    private AttackResult sharingDraws(AttackResult r, NDArray trueLabels, long[] draws) {
        if (!classifier.randomized()) {
            return r;
        }
        long[] predicted = classifier.predict(r.adversarial(), draws).toLongArray();
        long[] truth = trueLabels.toLongArray();
        boolean[] success = new boolean[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            success[i] = r.targets() == null ? predicted[i] != truth[i] : predicted[i] == r.targets()[i];
        }
        return new AttackResult(r.adversarial(), predicted, r.targets(), success, r.l2(), r.linf(), r.queries());
    }

    /** @return the draws of images first, first + 1, …: one seed per image, from the seed and the image alone */
    private long[] draws(int first, int count) {
        return draws(java.util.stream.IntStream.range(first, first + count).toArray());
    }

    /** @return the draws of the given images of the attacked set */
    private long[] draws(int[] rows) {
        long[] draws = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            draws[i] = seed * 1_000_003L + rows[i];
        }
        return draws;
    }

    private static int predictedRows(NDArray x) {
        return Math.toIntExact(x.getShape().get(0));
    }

    /** Runs the action on the chosen images, gathered into batches of up to batchSize in image order. */
    private void forEachBatchOf(boolean[] chosen, SubsetAction action) {
        int[] all = new int[(int) count(chosen)];
        for (int i = 0, j = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                all[j++] = i;
            }
        }
        for (int from = 0; from < all.length; from += batchSize) {
            int[] rows = Arrays.copyOfRange(all, from, Math.min(all.length, from + batchSize));
            try (NDManager batch = images.getManager().newSubManager()) {
                NDIndex index = new NDIndex(
                        "{}", batch.create(Arrays.stream(rows).asLongStream().toArray()));
                action.apply(rows, images.get(batch, index), labels.get(batch, index));
            }
        }
    }

    private AttackRow row(AttackPlan plan, double eps, List<Outcome> outcomes, double budget, double seconds) {
        int n = y.length;
        boolean[] robust = correct.clone();
        boolean[] fooled = new boolean[n];
        boolean[] hitTarget = new boolean[n];
        List<Float> l2 = new ArrayList<>();
        List<Float> linf = new ArrayList<>();
        double queries = 0;
        List<AttackRow.PartAccuracy> parts = new ArrayList<>();
        boolean cascade = plan.spec().cascade();
        boolean partial = partial(plan);
        Ball ball = Ball.of(plan.spec());
        for (Outcome o : outcomes) {
            boolean[] survived = new boolean[n];
            List<Integer> broke = new ArrayList<>();
            float[] size = plan.budgetNorm() == Norm.LINF ? o.linf : o.l2;
            for (int i = 0; i < n; i++) {
                boolean wrong = o.predictions[i] != y[i] && size[i] <= budget + 1e-6 && ball.holds(o, i);
                survived[i] = correct[i] && !wrong;
                if (correct[i] && wrong && !fooled[i]) {
                    fooled[i] = true;
                    broke.add(i);
                    l2.add(o.l2[i]);
                    linf.add(o.linf[i]);
                }
                hitTarget[i] |= correct[i]
                        && o.targets != null
                        && o.predictions[i] == o.targets[i]
                        && size[i] <= budget + 1e-6
                        && ball.holds(o, i);
                robust[i] &= survived[i];
                queries += o.queries[i];
            }
            // A part after the first that saw only the survivors (a cascade's stage): its accuracy alone is unknown.
            double alone = partial && !parts.isEmpty() ? Double.NaN : fraction(survived);
            parts.add(AttackRow.PartAccuracy.builder(o.part)
                    .setRobustAccuracy(alone)
                    .setAfterAccuracy(fraction(robust))
                    .optBroke(broke)
                    .setSeconds(o.seconds)
                    .build());
        }
        boolean targeted = outcomes.stream().anyMatch(o -> o.targets != null);
        boolean blackBox = outcomes.stream().allMatch(o -> o.attack.blackBox());
        long correctCount = count(correct);
        String label = Double.isFinite(budget)
                ? String.format(
                        Locale.ROOT,
                        "%s, %s <= %s",
                        plan.spec().label(),
                        plan.budgetNorm().symbol(),
                        budget)
                : plan.spec().label();
        return AttackRow.builder()
                .setSpec(plan.spec())
                .optBudget(budget)
                .optAttack(label)
                .optProtocol(plan.protocol())
                .setEps(eps)
                .setImages(n)
                .setCleanAccuracy(fraction(correct))
                .setRobustAccuracy(fraction(robust))
                .setSuccessRate(correctCount == 0 ? Double.NaN : (double) count(fooled) / correctCount)
                .optTargetSuccessRate(
                        targeted && correctCount > 0 ? (double) count(hitTarget) / correctCount : Double.NaN)
                .optMedianL2(median(l2))
                .optMedianLinf(median(linf))
                .optMeanQueries(blackBox ? queries / n / outcomes.size() : Double.NaN)
                .optParts(parts)
                .setSeconds(seconds)
                .setImagesPerSecond((cascade ? n : n * outcomes.size()) / seconds)
                .optRobustOutcomes(robust)
                .build();
    }

    /** @return whether the plan's parts attack only the images still robust */
    private boolean partial(AttackPlan plan) {
        return plan.spec().cascade()
                || survivorsOnly
                        && (plan.budgets().isEmpty() || plan.spec().parts().size() == 1);
    }

    /**
     * The ball a cascade's stages are judged in: a stage that returns minimally distorted points
     * (FAB) breaks an image only with a point inside the cascade's radius. Other specs bound their
     * own perturbations, or are judged at budgets, and need no second look.
     */
    private record Ball(Norm norm, double radius) {
        static final Ball ANY = new Ball(Norm.L2, Double.POSITIVE_INFINITY);

        static Ball of(AttackSpec spec) {
            return spec instanceof AutoAttackSpec a ? new Ball(a.norm(), a.eps()) : ANY;
        }

        /** @return whether image i's perturbation lies in the ball, up to float32 rounding */
        boolean holds(Outcome o, int i) {
            float size = norm == Norm.LINF ? o.linf[i] : o.l2[i];
            return size <= radius * (1 + 1e-5) + 1e-6;
        }
    }

    /** Runs the action on consecutive batches, each in its own native memory scope. */
    void forEachBatch(BatchAction action) {
        int n = y.length;
        for (int start = 0; start < n; start += batchSize) {
            try (NDManager batch = images.getManager().newSubManager()) {
                NDIndex rows = new NDIndex().addSliceDim(start, Math.min(n, start + batchSize));
                action.apply(start, images.get(batch, rows), labels.get(batch, rows));
            }
        }
    }

    private static double median(List<Float> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static long count(boolean[] flags) {
        long c = 0;
        for (boolean f : flags) {
            c += f ? 1 : 0;
        }
        return c;
    }

    private static double fraction(boolean[] flags) {
        return flags.length == 0 ? Double.NaN : (double) count(flags) / flags.length;
    }

    @FunctionalInterface
    interface BatchAction {
        void apply(int start, NDArray images, NDArray labels);
    }

    @FunctionalInterface
    private interface SubsetAction {
        void apply(int[] rows, NDArray images, NDArray labels);
    }

    /** One attack's per-example records over the whole image set. */
    private static final class Outcome {
        final AttackSpec part;
        final Attack attack;
        final long[] predictions;
        final float[] l2;
        final float[] linf;
        final int[] queries;
        long[] targets;
        double seconds;

        /**
         * @param unattacked the "prediction" of images the attack does not see (their true labels),
         *     or null when it sees them all
         */
        Outcome(AttackSpec part, Attack attack, int n, long[] unattacked) {
            this.part = part;
            this.attack = attack;
            predictions = unattacked == null ? new long[n] : unattacked.clone();
            l2 = new float[n];
            linf = new float[n];
            queries = new int[n];
        }

        void record(int[] rows, AttackResult r) {
            for (int j = 0; j < rows.length; j++) {
                int i = rows[j];
                predictions[i] = r.predictions()[j];
                l2[i] = r.l2()[j];
                linf[i] = r.linf()[j];
                queries[i] = r.queries()[j];
                if (r.targets() != null) {
                    targets()[i] = r.targets()[j];
                }
            }
        }

        /** @return the targets, made on first use with -1 (no target) for every image */
        private long[] targets() {
            if (targets == null) {
                targets = new long[predictions.length];
                Arrays.fill(targets, -1);
            }
            return targets;
        }

        void record(int start, AttackResult r) {
            System.arraycopy(r.predictions(), 0, predictions, start, r.size());
            System.arraycopy(r.l2(), 0, l2, start, r.size());
            System.arraycopy(r.linf(), 0, linf, start, r.size());
            System.arraycopy(r.queries(), 0, queries, start, r.size());
            if (r.targets() != null) {
                System.arraycopy(r.targets(), 0, targets(), start, r.size());
            }
        }
    }
}
