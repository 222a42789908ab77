package io.github.isce4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.github.isce4j.ProgressListener;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.FgsmSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.RandomNoiseSpec;
import io.github.isce4j.attack.SimBaSpec;
import io.github.isce4j.eval.SanityCheck.Verdict;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.InputLoss;
import io.github.isce4j.model.NonFiniteGradient;
import io.github.isce4j.model.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * docs/method.md §7's nine checks against gradient masking, run on one classifier and one labelled image
 * set: a robustness number is only trusted when they hold. Every check rests on attacks in one
 * norm (L2 or L∞) at the given radii, run under the bounded protocol with the same seed.
 */
public final class SanityChecks {

    /** How far accuracy may rise where it must not (a fraction: one image in a hundred). */
    static final double TOLERANCE = 0.01;
    /**
     * How far (a fraction) AutoAttack's robust accuracy may fall below the other attacks' before
     * check 9 says they overstated robustness: 5 points.
     */
    public static final double AUTOATTACK_FAR_BELOW = 5 * TOLERANCE;
    /**
     * Accuracies are fractions of whole images in double, so a rise of exactly one point can come out
     * a hair above {@link #TOLERANCE} (0.04 − 0.03 = 0.010000000000000002); far below one image of any
     * test set.
     */
    private static final double ROUNDING = 1e-9;
    /** "Unbounded" radii: L2 10 is more than the distance between most images; L∞ 1 is the whole box. */
    static final double UNBOUNDED_L2 = 10;

    static final double UNBOUNDED_LINF = 1;
    static final int UNBOUNDED_STEPS = 100;
    static final int RESTARTS = 5;
    /** Images whose predictions are repeated alone, reordered and again. */
    static final int DETERMINISM_IMAGES = 64;

    private static final List<AttackLoss> ALL_LOSSES = List.of(AttackLoss.CE, AttackLoss.MARGIN, AttackLoss.DLR);
    private static final List<AttackLoss> CE_AND_MARGIN = List.of(AttackLoss.CE, AttackLoss.MARGIN);

    private final Classifier classifier;
    private final NDArray images;
    private final RobustnessEvaluation evaluation;

    /**
     * @param classifier the model to check
     * @param images [N, C, H, W] in [0, 1]
     * @param labels true labels, int64 [N]
     * @param batchSize images per attack batch
     * @param seed seeds every random choice
     */
    public SanityChecks(Classifier classifier, NDArray images, NDArray labels, int batchSize, long seed) {
        this.classifier = classifier;
        this.images = images;
        this.evaluation = new RobustnessEvaluation(classifier, images, labels, batchSize, seed);
    }

    /**
     * @param listener hears the attack progress (default: silent)
     * @return this
     */
    public SanityChecks progress(ProgressListener listener) {
        evaluation.progress(listener);
        return this;
    }

    /**
     * The checks and the attack rows they rest on.
     *
     * @param cleanAccuracy accuracy before any attack
     * @param checks the nine checks in the order of docs/method.md §7
     * @param attacks every attack row that was run
     * @param plot accuracy against eps for each attack the checks compare
     * @param norm the norm of every attack
     */
    public record Outcome(
            double cleanAccuracy, List<SanityCheck> checks, RobustnessResult attacks, RobustnessPlot plot, Norm norm) {}

    /**
     * @param norm the threat model: PGD, FGSM and noise in this norm, SimBA judged at budgets in it
     * @param eps radii in [0, 1] pixel units, increasing, at least two
     * @param simbaQueries SimBA's query budget per image
     * @return the nine checks
     */
    public Outcome run(Norm norm, List<Double> eps, int simbaQueries) {
        double unboundedEps = norm == Norm.L2 ? UNBOUNDED_L2 : UNBOUNDED_LINF;
        double middle = eps.get(eps.size() / 2);
        Specs specs = Specs.of(norm, eps, middle, unboundedEps, simbaQueries);
        RobustnessResult result = evaluation.run(specs.plans(eps, norm));
        Curves c = Curves.of(result, specs);
        double[] radii = eps.stream().mapToDouble(Double::doubleValue).toArray();
        double clean = evaluation.cleanAccuracy();
        double[] strongest = new double[radii.length];
        Arrays.setAll(strongest, i -> Math.min(c.pgd10[i], c.pgd50[i]));
        List<SanityCheck> checks = List.of(
                reachesZero(unboundedEps, c.unbounded),
                nonIncreasing(radii, c.pgd10, c.pgd50, middle, c.oneStart, c.restarts),
                singleStepNeverWins(radii, c.fgsm, strongest),
                whiteBoxBeatsBlackBox(radii, c.pgd50, c.simba, simbaQueries),
                noiseIsWeaker(radii, clean, c.noise, c.pgd50),
                logitLossesAgree(radii, c.byLoss[0], c.byLoss[1], c.byLoss[2], middle, c.afterApgdT),
                gradientsLookHealthy(gradientStatistics()),
                deterministic(determinism()),
                autoAttackFindsLittleMore(middle, c.autoAttack, bestOthers(c, eps.size() / 2)));
        return new Outcome(clean, checks, result, plot(norm, radii, clean, c, simbaQueries), norm);
    }

    /** The attack specifications the checks rest on; one per eps where there is a list. */
    private record Specs(
            List<PgdSpec> pgd10,
            List<PgdSpec> pgd50,
            List<FgsmSpec> fgsm,
            List<RandomNoiseSpec> noise,
            PgdSpec oneStart,
            PgdSpec restarts,
            PgdSpec unbounded,
            SimBaSpec simba,
            AutoAttackSpec autoAttack) {

        static Specs of(Norm norm, List<Double> eps, double middle, double unboundedEps, int queries) {
            return new Specs(
                    eps.stream()
                            .map(r -> pgd(norm, r).steps(10).losses(ALL_LOSSES).build())
                            .toList(),
                    eps.stream()
                            .map(r -> pgd(norm, r).steps(50).losses(ALL_LOSSES).build())
                            .toList(),
                    eps.stream().map(r -> new FgsmSpec(norm, r, CE_AND_MARGIN)).toList(),
                    eps.stream().map(r -> new RandomNoiseSpec(norm, r)).toList(),
                    pgd(norm, middle).steps(10).randomStart(true).build(),
                    pgd(norm, middle)
                            .steps(10)
                            .randomStart(true)
                            .restarts(RESTARTS)
                            .build(),
                    pgd(norm, unboundedEps).steps(UNBOUNDED_STEPS).build(),
                    SimBaSpec.dct().queries(queries).build(),
                    // at the middle radius only, like the restarts: APGD-T's nine targets cost what all PGD rows cost
                    AutoAttackSpec.standard(norm, middle));
        }

        List<AttackPlan> plans(List<Double> eps, Norm norm) {
            List<AttackPlan> plans = new ArrayList<>();
            for (List<? extends AttackSpec> curve : List.of(pgd10, pgd50, fgsm, noise)) {
                curve.forEach(spec -> plans.add(AttackPlan.of(spec)));
            }
            List.of(oneStart, restarts, unbounded, autoAttack).forEach(spec -> plans.add(AttackPlan.of(spec)));
            plans.add(AttackPlan.judgedAt(simba, eps, norm));
            return plans;
        }

        private static PgdSpec.Builder pgd(Norm norm, double eps) {
            return norm == Norm.L2 ? PgdSpec.l2(eps) : PgdSpec.linf(eps);
        }
    }

    /** Robust accuracies read back from the result, by spec, per eps where there is one. */
    private record Curves(
            double[] pgd10,
            double[] pgd50,
            double[] fgsm,
            double[] noise,
            double[] simba,
            double oneStart,
            double restarts,
            double unbounded,
            double[][] byLoss,
            double autoAttack,
            double afterApgdT) {

        static Curves of(RobustnessResult result, Specs specs) {
            int e = specs.pgd50().size();
            double[][] byLoss = new double[ALL_LOSSES.size()][e];
            for (int i = 0; i < e; i++) {
                PgdSpec spec = specs.pgd50().get(i);
                AttackRow row = result.row(spec);
                for (int l = 0; l < byLoss.length; l++) {
                    byLoss[l][i] = row.aloneAccuracy(
                            spec.toBuilder().losses(ALL_LOSSES.get(l)).build());
                }
            }
            double[] simba = new double[e];
            for (int i = 0; i < e; i++) {
                simba[i] = result.row(specs.simba(), specs.pgd50().get(i).eps()).robustAccuracy();
            }
            // AutoAttack's second stage, APGD-T on the targeted DLR, is check 6's adaptive logit-loss reference.
            AutoAttackSpec aa = specs.autoAttack();
            double afterApgdT = result.row(aa).afterAccuracy(aa.stages().get(1));
            return new Curves(
                    robust(result, specs.pgd10()),
                    robust(result, specs.pgd50()),
                    robust(result, specs.fgsm()),
                    robust(result, specs.noise()),
                    simba,
                    result.robustAccuracy(specs.oneStart()),
                    result.robustAccuracy(specs.restarts()),
                    result.robustAccuracy(specs.unbounded()),
                    byLoss,
                    result.robustAccuracy(aa),
                    afterApgdT);
        }

        private static double[] robust(RobustnessResult result, List<? extends AttackSpec> specs) {
            return specs.stream().mapToDouble(result::robustAccuracy).toArray();
        }
    }

    private static RobustnessPlot plot(Norm norm, double[] radii, double clean, Curves c, int queries) {
        String n = norm.symbol();
        RobustnessPlot plot = new RobustnessPlot(
                "Sanity checks (docs/method.md §7): accuracy against the " + n + " radius",
                n + " radius eps ([0, 1] pixel units)");
        curve(plot, "PGD 50 steps, worst loss", radii, clean, c.pgd50);
        curve(plot, "PGD 10 steps, worst loss", radii, clean, c.pgd10);
        curve(plot, "PGD 50 steps, ce alone", radii, clean, c.byLoss[0]);
        curve(plot, "PGD 50 steps, margin alone", radii, clean, c.byLoss[1]);
        curve(plot, "FGSM", radii, clean, c.fgsm);
        curve(plot, "SimBA-DCT, " + queries + " queries", radii, clean, c.simba);
        curve(plot, "random noise", radii, clean, c.noise);
        return plot;
    }

    private static void curve(RobustnessPlot plot, String line, double[] eps, double clean, double[] accuracy) {
        plot.add(line, 0, clean);
        for (int i = 0; i < eps.length; i++) {
            plot.add(line, eps[i], accuracy[i]);
        }
    }

    /** @return whether an accuracy that must not rise (or must be ~0) exceeds that by at most {@link #TOLERANCE} */
    private static boolean withinTolerance(double excess) {
        return excess <= TOLERANCE + ROUNDING;
    }

    static SanityCheck reachesZero(double eps, double unbounded) {
        String measured = String.format(
                Locale.ROOT, "PGD eps %s, %d steps, ce+margin: %s", eps, UNBOUNDED_STEPS, percent(unbounded));
        return new SanityCheck(
                1,
                "accuracy reaches ~0 % under an unbounded attack",
                withinTolerance(unbounded) ? Verdict.OK : Verdict.FAILED,
                measured);
    }

    static SanityCheck nonIncreasing(
            double[] eps, double[] pgd10, double[] pgd50, double middle, double oneStart, double restarts) {
        double rise = 0;
        for (int i = 0; i < eps.length; i++) {
            if (i > 0) {
                rise = Math.max(rise, Math.max(pgd10[i] - pgd10[i - 1], pgd50[i] - pgd50[i - 1]));
            }
            rise = Math.max(rise, pgd50[i] - pgd10[i]);
        }
        rise = Math.max(rise, restarts - oneStart);
        StringBuilder curve = new StringBuilder();
        for (int i = 0; i < eps.length; i++) {
            curve.append(i == 0 ? "" : " → ").append(percent(pgd50[i]));
        }
        String measured = String.format(
                Locale.ROOT,
                "PGD 50 steps at eps %s: %s; 10 → 50 steps: %s; "
                        + "random start, 1 → %d restarts at eps %s: %s → %s; largest rise %s",
                radii(eps),
                curve,
                pairs(pgd10, pgd50),
                RESTARTS,
                middle,
                percent(oneStart),
                percent(restarts),
                points(rise));
        return new SanityCheck(
                2,
                "accuracy is non-increasing in eps, steps and restarts",
                withinTolerance(rise) ? Verdict.OK : Verdict.FAILED,
                measured);
    }

    static SanityCheck singleStepNeverWins(double[] eps, double[] fgsm, double[] pgd) {
        int worst = argMin(difference(fgsm, pgd));
        double gap = fgsm[worst] - pgd[worst];
        String measured = String.format(
                Locale.ROOT,
                "FGSM minus PGD accuracy is at least %s (eps %s: %s vs %s)",
                points(gap),
                eps[worst],
                percent(fgsm[worst]),
                percent(pgd[worst]));
        return new SanityCheck(
                3,
                "single-step FGSM never beats iterative PGD",
                withinTolerance(-gap) ? Verdict.OK : Verdict.FAILED,
                measured);
    }

    static SanityCheck whiteBoxBeatsBlackBox(double[] eps, double[] whiteBox, double[] blackBox, int queries) {
        int worst = argMin(difference(blackBox, whiteBox));
        double gap = blackBox[worst] - whiteBox[worst];
        String measured = String.format(
                Locale.ROOT,
                "SimBA-DCT (%d queries) minus PGD accuracy at the same budget " + "is at least %s (eps %s: %s vs %s)",
                queries,
                points(gap),
                eps[worst],
                percent(blackBox[worst]),
                percent(whiteBox[worst]));
        return new SanityCheck(
                4,
                "white-box beats black-box (SimBA) at the same budget",
                withinTolerance(-gap) ? Verdict.OK : Verdict.FAILED,
                measured);
    }

    static SanityCheck noiseIsWeaker(double[] eps, double clean, double[] noise, double[] attack) {
        // Noise may not remove half as much accuracy as the attack does, wherever the attack removes some.
        int worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < eps.length; i++) {
            double attackDrop = clean - attack[i];
            if (attackDrop >= 5 * TOLERANCE) {
                double ratio = (clean - noise[i]) / attackDrop;
                if (worst < 0 || ratio > worstRatio) {
                    worst = i;
                    worstRatio = ratio;
                }
            }
        }
        if (worst < 0) {
            return new SanityCheck(
                    5,
                    "random noise of the same norm is far weaker than the attack",
                    Verdict.WARNING,
                    "the attack removes less than 5 points at every eps, so noise has nothing to be compared with");
        }
        String measured = String.format(
                Locale.ROOT,
                "at eps %s random noise removes %s, PGD %s (%.0f %% of it)",
                eps[worst],
                drop(clean - noise[worst]),
                drop(clean - attack[worst]),
                100 * worstRatio);
        return new SanityCheck(
                5,
                "random noise of the same norm is far weaker than the attack",
                worstRatio < 0.5 ? Verdict.OK : Verdict.FAILED,
                measured);
    }

    /**
     * Check 6: CE on the deployed output against the logit losses: PGD-50 with margin and DLR at
     * every radius, and the adaptive reference APGD-T on the targeted DLR (as AutoAttack runs it,
     * after APGD-CE) at the middle radius.
     *
     * @param middle the radius AutoAttack ran at, one of {@code eps}
     * @param apgdT accuracy after AutoAttack's APGD-CE and APGD-T stages there
     */
    static SanityCheck logitLossesAgree(
            double[] eps, double[] ce, double[] margin, double[] dlr, double middle, double apgdT) {
        int worst = 0;
        double gap = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eps.length; i++) {
            double reference =
                    eps[i] == middle ? Math.min(Math.min(margin[i], dlr[i]), apgdT) : Math.min(margin[i], dlr[i]);
            double g = ce[i] - reference;
            if (g > gap) {
                gap = g;
                worst = i;
            }
        }
        String measured = String.format(
                Locale.ROOT,
                "PGD 50 steps at eps %s: ce %s, margin %s, dlr %s; at eps %s "
                        + "APGD-CE then APGD-T (targeted DLR) %s",
                eps[worst],
                percent(ce[worst]),
                percent(margin[worst]),
                percent(dlr[worst]),
                middle,
                percent(apgdT));
        if (gap <= 5 * TOLERANCE) {
            return new SanityCheck(
                    6, "margin / DLR on raw logits find no much lower accuracy than CE", Verdict.OK, measured);
        }
        return new SanityCheck(
                6,
                "margin / DLR on raw logits find no much lower accuracy than CE",
                Verdict.WARNING,
                measured
                        + String.format(
                                Locale.ROOT,
                                ": CE on the deployed output overstates robustness by %s; the "
                                        + "lower number is the real one (the bounded protocol reports it, the paper protocol does not)",
                                points(gap)));
    }

    /** @return the lowest robust accuracy at radius i of the attacks other than AutoAttack: PGD, FGSM and SimBA */
    private static double bestOthers(Curves c, int i) {
        return Math.min(Math.min(c.pgd10[i], c.pgd50[i]), Math.min(c.fgsm[i], c.simba[i]));
    }

    /**
     * Check 9: AutoAttack, the field's standard, finds little that isce4j's other attacks missed. If
     * it finds much lower accuracy, the numbers of those attacks overstated robustness by the gap.
     *
     * @param eps the radius AutoAttack ran at (the middle one)
     * @param autoAttack its robust accuracy
     * @param others the lowest of PGD-10, PGD-50, FGSM and SimBA at the same budget
     */
    static SanityCheck autoAttackFindsLittleMore(double eps, double autoAttack, double others) {
        double gap = others - autoAttack;
        String claim = "AutoAttack's robust accuracy is not far below the best of the other attacks at the same budget";
        String measured = String.format(
                Locale.ROOT,
                "at eps %s: AutoAttack %s, the strongest of PGD, FGSM and SimBA " + "%s (AutoAttack lower by %s)",
                eps,
                percent(autoAttack),
                percent(others),
                points(gap));
        if (gap <= AUTOATTACK_FAR_BELOW) {
            return new SanityCheck(9, claim, Verdict.OK, measured);
        }
        return new SanityCheck(
                9,
                claim,
                Verdict.WARNING,
                measured
                        + String.format(
                                Locale.ROOT,
                                ": the other attacks "
                                        + "overstated robustness by %s; AutoAttack's number is the real one",
                                points(gap)));
    }

    static SanityCheck gradientsLookHealthy(GradientStatistics g) {
        String measured = String.format(
                Locale.ROOT,
                "of %d clean images: %d with non-finite gradients; gradient exactly "
                        + "zero for %d (ce) and %d (margin)",
                g.images(),
                g.nonFinite(),
                g.zeroCe(),
                g.zeroMargin());
        String claim = "input gradients are finite and not mostly exactly zero";
        if (g.nonFinite() > 0 || 2 * g.zeroMargin() > g.images()) {
            return new SanityCheck(7, claim, Verdict.FAILED, measured);
        }
        if (2 * g.zeroCe() > g.images()) {
            return new SanityCheck(
                    7,
                    claim,
                    Verdict.WARNING,
                    measured
                            + ": the deployed softmax saturates, so CE alone cannot attack this model; the margin can");
        }
        return new SanityCheck(7, claim, Verdict.OK, measured);
    }

    static SanityCheck deterministic(Determinism d) {
        String measured = String.format(
                Locale.ROOT,
                "of %d images, predictions changed for %d when repeated, %d when "
                        + "classified alone, %d in reversed order",
                d.images(),
                d.repeated(),
                d.alone(),
                d.reversed());
        boolean ok = d.repeated() == 0 && d.alone() == 0 && d.reversed() == 0;
        return new SanityCheck(
                8,
                "predictions are deterministic and independent of batch composition",
                ok ? Verdict.OK : Verdict.FAILED,
                ok
                        ? measured
                        : measured
                                + ": a randomized model must be attacked through the expectation of its gradients (EOT)");
    }

    /**
     * @param images how many clean images
     * @param nonFinite images with a NaN or infinite gradient entry, under either loss
     * @param zeroCe images whose CE (deployed output) gradient is exactly zero
     * @param zeroMargin images whose margin gradient is exactly zero
     */
    record GradientStatistics(int images, int nonFinite, int zeroCe, int zeroMargin) {}

    /**
     * @param images how many images were classified several ways
     * @param repeated predictions that changed on a second identical pass
     * @param alone predictions that changed when each image was classified on its own
     * @param reversed predictions that changed with the batch in reversed order
     */
    record Determinism(int images, int repeated, int alone, int reversed) {}

    private GradientStatistics gradientStatistics() {
        int[] counts = new int[3];
        evaluation.forEachBatch((start, x, y) -> {
            InputGradients g;
            try {
                g = classifier.inputGradients(
                        x,
                        z -> new NDList(
                                InputLoss.DEPLOYED_CROSS_ENTROPY.perExample(z, classifier.decisionRule(), y),
                                InputLoss.MARGIN.perExample(z, classifier.decisionRule(), y)));
            } catch (NonFiniteGradient e) {
                // The finding this check is for; the batch's zero counts are not measured then.
                counts[0] += e.images();
                return;
            }
            NDArray ce = g.gradients().get(0).reshape(x.getShape().get(0), -1);
            NDArray margin = g.gradients().get(1).reshape(x.getShape().get(0), -1);
            counts[1] += count(ce.abs().max(new int[] {1}).eq(Scalar.of(ce, 0)));
            counts[2] += count(margin.abs().max(new int[] {1}).eq(Scalar.of(margin, 0)));
        });
        return new GradientStatistics((int) images.getShape().get(0), counts[0], counts[1], counts[2]);
    }

    Determinism determinism() {
        int n = (int) Math.min(DETERMINISM_IMAGES, images.getShape().get(0));
        try (NDManager m = images.getManager().newSubManager()) {
            NDArray x = images.get(m, new NDIndex().addSliceDim(0, n));
            long[] first = classifier.predict(x).toLongArray();
            long[] again = classifier.predict(x).toLongArray();
            long[] reversed = classifier.predict(x.flip(0)).flip(0).toLongArray();
            long[] alone = new long[n];
            for (int i = 0; i < n; i++) {
                // Deliberately one image per forward pass: this is the batch composition being checked.
                alone[i] = classifier
                        .predict(x.get(new NDIndex().addSliceDim(i, i + 1)))
                        .getLong(0);
            }
            return new Determinism(
                    n, differences(first, again), differences(first, alone), differences(first, reversed));
        }
    }

    private static int count(NDArray flags) {
        return (int) flags.toType(DataType.INT64, false).sum().getLong();
    }

    private static int differences(long[] a, long[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] == b[i] ? 0 : 1;
        }
        return d;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static int argMin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String radii(double[] eps) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < eps.length; i++) {
            s.append(i == 0 ? "" : "/").append(eps[i]);
        }
        return s.toString();
    }

    private static String pairs(double[] from, double[] to) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < from.length; i++) {
            s.append(i == 0 ? "" : ", ").append(percent(from[i])).append(" → ").append(percent(to[i]));
        }
        return s.toString();
    }

    private static String percent(double fraction) {
        return AttackReport.percent(fraction);
    }

    private static String drop(double fraction) {
        return String.format(Locale.ROOT, "%.1f pts", 100 * fraction);
    }

    private static String points(double fraction) {
        return String.format(Locale.ROOT, "%+.1f pts", 100 * fraction);
    }
}
