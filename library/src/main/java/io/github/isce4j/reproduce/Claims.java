package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.SanityChecks;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.reproduce.ClaimVerdict.Claim;
import io.github.isce4j.reproduce.ClaimVerdict.Column;
import io.github.isce4j.reproduce.ClaimVerdict.Judgement;
import io.github.isce4j.reproduce.ClaimVerdict.Source;
import io.github.isce4j.stats.Accuracy;
import io.github.isce4j.stats.Bootstrap;
import io.github.isce4j.stats.Interval;
import io.github.isce4j.stats.Statistic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The claims of the paper's text (docs/reproduce.md), each measured on the cells of the tables and
 * figures, for both I-SCE variants and in both protocols (the PGD claims also under AutoAttack), with
 * the verdict rule applied. The paper's numbers come from {@link Paper}.
 */
final class Claims {

    private Claims() {}

    /**
     * A measured difference and the numbers it is computed from.
     *
     * @param value points; NaN when not measured
     * @param from the operands as Markdown, each linked to its result file; "" when not measured
     * @param operands the accuracies it is computed from
     * @param statistic the same difference as a statistic of per-image outcomes (in fractions, not
     *     points), for its interval; null when not measured or when an operand's outcomes were not recorded
     * @param basis every cell the value depends on (a best rival: all rivals; a median: all its gaps),
     *     whose models the convergence gate checks
     */
    record Gap(double value, String from, List<Operand> operands, Statistic statistic, List<Cell> basis) {
        static final Gap NONE = new Gap(Double.NaN, "", List.of(), null, List.of());

        /** @return a minus b, both linked; not measured when either is NaN */
        static Gap of(Operand a, Operand b, Results r, String at) {
            double d = a.value() - b.value();
            return Double.isNaN(d)
                    ? NONE
                    : new Gap(
                            d,
                            a.md(r) + " − " + b.md(r) + at,
                            List.of(a, b),
                            a.outcomes() == null || b.outcomes() == null
                                    ? null
                                    : Statistic.difference(a.outcomes(), b.outcomes()),
                            List.of(a.cell(), b.cell()));
        }

        /** @return the same difference, read from {@code from} */
        Gap describedAs(String text) {
            return new Gap(value, text, operands, statistic, basis);
        }

        /** @return the same difference, computed as {@code s} for its interval (null: none) */
        Gap computedAs(Statistic s) {
            return new Gap(value, from, operands, s, basis);
        }

        /** @return its 95 % paired bootstrap interval in points; null when it has no statistic */
        Interval interval() {
            return statistic == null ? null : Bootstrap.interval(statistic).times(100);
        }

        /** @return the same difference, depending on these cells */
        Gap dependingOn(List<Cell> cells) {
            return new Gap(
                    value, from, operands, statistic, cells.stream().distinct().toList());
        }

        /** @return the same difference, depending on the cells of all these gaps */
        Gap restingOn(List<Gap> gaps) {
            return dependingOn(gaps.stream().flatMap(g -> g.basis().stream()).toList());
        }
    }

    /**
     * A claim as measured: what the paper says and one gap per {@link Column}, with their intervals
     * (null where there is none) and verdicts.
     */
    private record Measured(Claim claim, List<Gap> gaps, List<Interval> intervals, List<Verdict> verdicts) {}

    /** @return every claim, measured where its cells are done, numbered C1, C2, … */
    static List<ClaimVerdict> evaluate(Results r) {
        List<Measured> measured = measure(r);
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            Measured m = measured.get(i);
            List<Judgement> judgements = new ArrayList<>();
            for (Column column : Column.values()) {
                judgements.add(judge(
                        r,
                        column,
                        m.gaps().get(column.ordinal()),
                        m.intervals().get(column.ordinal()),
                        m.verdicts().get(column.ordinal())));
            }
            verdicts.add(new ClaimVerdict("C" + (i + 1), m.claim(), judgements));
        }
        return verdicts;
    }

    /** @return the cells the claims are measured on, each after the training it needs */
    static List<Cell> cells(Cells cells) {
        Results recording = Results.recording(cells);
        evaluate(recording);
        return recording.asked();
    }

    /**
     * The convergence gate: a verdict on a gap that rests on a model below its bar becomes not tested at
     * this budget, naming those models.
     *
     * @param r the finished cells' results
     * @param column which I-SCE variant and protocol
     * @param g the measured difference
     * @param interval its interval, or null
     * @param verdict the verdict rule applied to it
     * @return the judgement
     */
    static Judgement judge(Results r, Column column, Gap g, Interval interval, Verdict verdict) {
        List<Convergence.Shortfall> below =
                verdict == Verdict.NOT_MEASURED ? List.of() : Convergence.shortfalls(r, g.basis());
        return new Judgement(
                column,
                g.value(),
                interval,
                g.from(),
                g.operands().stream()
                        .map(o -> new Source(o.name(), o.value(), r.link(o.cell())))
                        .toList(),
                below.isEmpty() ? verdict : Verdict.NOT_TESTED,
                below);
    }

    private static List<Measured> measure(Results r) {
        Budget b = r.budget();
        int steps = b.tableSteps();
        List<Measured> claims = new ArrayList<>();
        for (Paper.Lead lead : Paper.CLAIM1) {
            claims.add(leadClaim(r, "1", lead, steps));
        }
        for (Paper.Lead lead : Paper.CLAIM2) {
            claims.add(leadClaim(r, "2", lead, steps));
        }
        List<Setting> deep = List.of(Setting.RESNET_MNIST, Setting.RESNET_CIFAR);
        List<Setting> shallow = List.of(Setting.LENET_MNIST, Setting.CNN_CIFAR);
        claims.add(boundedClaim(
                new Claim(
                        "3",
                        "DeepFool: I-SCE beats every competitor by more than "
                                + Paper.print(Paper.CLAIM3_DEEPFOOL_LEAD)
                                + " points in most cases (median over datasets and L2 budgets "
                                + "of I-SCE minus the best other method)",
                        deepFoolWhere(b, deep),
                        Paper.CLAIM3_DEEPFOOL_LEAD),
                isce -> medianDeepFoolGap(r, deep, isce, others())));
        claims.add(boundedClaim(
                new Claim(
                        "4",
                        "DeepFool, shallow networks: MMC is the best (median over networks "
                                + "and budgets of MMC minus the best other method)",
                        deepFoolWhere(b, shallow),
                        0),
                isce -> medianDeepFoolGap(r, shallow, Method.MMC, without(Method.ALL, Method.MMC))));
        claims.add(boundedClaim(
                new Claim(
                        "4",
                        "DeepFool, shallow networks: I-SCE is comparable to MMC (median of "
                                + "I-SCE minus MMC; comparable: not more than 5 points below)",
                        deepFoolWhere(b, shallow),
                        0),
                isce -> medianDeepFoolGap(r, shallow, isce, List.of(Method.MMC))));
        claims.add(cleanClaim(r));
        claims.add(beyondTrainingClaim(r, steps));
        claims.add(peakClaim(r));
        Setting simba = new Setting(SimBaTable.NETWORK, DatasetName.MNIST);
        claims.add(boundedClaim(
                new Claim(
                        "6",
                        "SimBA: I-SCE is the most robust at every bound on both datasets "
                                + "(smallest, over datasets and bounds, of I-SCE minus the best other method of Table 3)",
                        String.format(
                                Locale.ROOT,
                                "ResNet-32, MNIST and CIFAR-10, first %,d test images (random resize + pad: "
                                        + "%,d); SimBA-DCT, %s",
                                b.scale(simba.network(), simba.dataset()).testImages(),
                                b.randomDefenseImages(simba.network(), simba.dataset()),
                                Sections.BLACK_BOX),
                        0),
                isce -> simbaGap(r, isce)));
        return claims;
    }

    /** Claims 1 and 2: I-SCE's lead under PGD-50-un over one rival, or over every other method. */
    private static Measured leadClaim(Results r, String number, Paper.Lead lead, int steps) {
        Setting s = lead.setting();
        String text = lead.rival() == null
                ? "I-SCE is ≥ " + Paper.print(lead.points()) + " points above every other method under PGD-50-un"
                : "I-SCE is " + Paper.print(lead.points()) + " points above "
                        + lead.rival().label() + " under PGD-50-un";
        List<Method> rivals = rivals(lead);
        return pgdClaim(
                r,
                number,
                text,
                s,
                0,
                lead.points(),
                isce -> gapAt(r, s, isce, rivals, steps, Paper.eps(s.dataset()).get(0)));
    }

    /** Claim 5b: AT is weaker than I-SCE beyond its training ε (Table 1's second ε). */
    private static Measured beyondTrainingClaim(Results r, int steps) {
        Setting s = BEYOND_TRAINING;
        double isce = Paper.TABLE1.get(Method.ISCE).get(2);
        double at = Paper.TABLE1.get(Method.AT).get(2);
        return pgdClaim(
                r,
                "5",
                "AT is weaker than I-SCE beyond its training ε: I-SCE minus AT at ε "
                        + Paper.eps(s.dataset()).get(1) + " (Table 1: " + Paper.difference(isce, at) + ")",
                s,
                1,
                isce - at,
                m -> gapAt(
                        r,
                        s,
                        m,
                        List.of(Method.AT),
                        steps,
                        Paper.eps(s.dataset()).get(1)));
    }

    /** @return the methods a lead claim compares I-SCE with */
    private static List<Method> rivals(Paper.Lead lead) {
        return lead.rival() == null ? others() : List.of(lead.rival());
    }

    /** The network and dataset of claim 5b (AT weaker beyond its training ε). */
    private static final Setting BEYOND_TRAINING = Setting.RESNET_MNIST;

    /**
     * @return per network and dataset of a PGD claim (claims 1, 2 and 5b), the methods whose models
     *     it compares: both I-SCE variants and their rivals, in {@link Method}'s order; random resize
     *     + pad only where the budget attacks it white-box; only on the networks the budget measures with AutoAttack
     */
    static Map<Setting, List<Method>> pgdModels(Budget b) {
        Map<Setting, Set<Method>> models = new LinkedHashMap<>();
        List<Paper.Lead> leads = new ArrayList<>(Paper.CLAIM1);
        leads.addAll(Paper.CLAIM2);
        for (Paper.Lead lead : leads) {
            models.computeIfAbsent(lead.setting(), s -> EnumSet.of(Method.ISCE, Method.ISCE_CODE))
                    .addAll(attacked(b, lead.setting(), rivals(lead)));
        }
        models.computeIfAbsent(BEYOND_TRAINING, s -> EnumSet.of(Method.ISCE, Method.ISCE_CODE))
                .add(Method.AT);
        Map<Setting, List<Method>> lists = new LinkedHashMap<>();
        models.forEach((s, m) -> {
            if (b.settings().autoAttack().networks().contains(s.network())) {
                lists.put(s, List.copyOf(m));
            }
        });
        return lists;
    }

    /**
     * @return the AutoAttack cells of the PGD claims on one network and dataset (none where no PGD
     *     claim is measured): the same models and test images as their PGD cells
     */
    static List<AttackCell> autoAttackCells(Cells cells, Setting s) {
        return pgdModels(cells.budget()).getOrDefault(s, List.of()).stream()
                .map(m -> cells.attack(s.network(), s.dataset(), m, Cells.autoAttack(s.dataset())))
                .toList();
    }

    /** @return the bounded-protocol PGD the claims read at the dataset's bounded radius */
    static AttackSpec boundedPgd(Budget b, DatasetName dataset) {
        return Cells.pgd(Cells.boundedRadius(dataset), b.tableSteps(), TargetChoice.NONE);
    }

    /**
     * @param pgd robust accuracy under bounded PGD, percent
     * @param autoAttack under AutoAttack on the same model and images, percent
     * @return whether AutoAttack is far below PGD by sanity check 9's threshold, so that the PGD
     *     number overstated robustness (false when either is not measured)
     */
    static boolean farBelow(double pgd, double autoAttack) {
        // percentages of whole images in double: a gap of exactly the threshold is not beyond it
        return pgd - autoAttack > 100 * SanityChecks.AUTOATTACK_FAR_BELOW + 1e-9;
    }

    /**
     * @return bounded PGD's robust accuracy in percent on the images AutoAttack attacked (its first
     *     ones, where a budget gives AutoAttack fewer), so the two compare image for image; NaN when
     *     either is not measured or PGD's per-image outcomes are not recorded
     */
    static double pgdOnAutoAttackImages(Results r, AttackCell pgd, AttackCell autoAttack) {
        double all = r.robust(pgd);
        if (Double.isNaN(all) || Double.isNaN(r.robust(autoAttack)) || pgd.images() == autoAttack.images()) {
            return all;
        }
        Accuracy outcomes = r.robustOutcomes(pgd);
        return outcomes == null
                ? Double.NaN
                : 100
                        * new Accuracy(outcomes.testSet(), Arrays.copyOf(outcomes.outcomes(), autoAttack.images()))
                                .value();
    }

    /**
     * Bounded PGD and AutoAttack at the bounded radius on one model of a PGD claim.
     *
     * @param pgd the PGD cell
     * @param autoAttack the AutoAttack cell
     * @param pgdOnSameImages PGD's robust accuracy in percent on AutoAttack's images
     * @param autoAttackValue AutoAttack's robust accuracy in percent
     */
    record PgdAgainstAutoAttack(AttackCell pgd, AttackCell autoAttack, double pgdOnSameImages, double autoAttackValue) {

        /** @return whether the PGD number overstated robustness (sanity check 9's threshold) */
        boolean overstated() {
            return farBelow(pgdOnSameImages, autoAttackValue);
        }
    }

    /** @return bounded PGD against AutoAttack on a method's model, compared on the same images */
    static PgdAgainstAutoAttack pgdAgainstAutoAttack(Results r, Setting s, Method m) {
        AttackCell pgd = r.cells().attack(s.network(), s.dataset(), m, boundedPgd(r.budget(), s.dataset()));
        AttackCell aa = r.cells().attack(s.network(), s.dataset(), m, Cells.autoAttack(s.dataset()));
        return new PgdAgainstAutoAttack(pgd, aa, pgdOnAutoAttackImages(r, pgd, aa), r.robust(aa));
    }

    /**
     * @return one line per model of a PGD claim on which AutoAttack is far below PGD at the bounded
     *     radius on the same images: the model, the radius, both numbers linked, and by how many
     *     points PGD overstated its robustness
     */
    static List<String> overstated(Results r) {
        List<String> lines = new ArrayList<>();
        pgdModels(r.budget()).forEach((s, methods) -> {
            for (Method m : methods) {
                PgdAgainstAutoAttack c = pgdAgainstAutoAttack(r, s, m);
                if (c.overstated()) {
                    lines.add(String.format(
                            Locale.ROOT,
                            "%s on %s at L2 ≤ %s by %.1f points (PGD-%d %s, AutoAttack %s, on the first %d test images)",
                            m.label(),
                            s,
                            Cells.boundedRadius(s.dataset()),
                            c.pgdOnSameImages() - c.autoAttackValue(),
                            r.budget().tableSteps(),
                            r.number(c.pgdOnSameImages(), "%.1f", c.pgd()),
                            r.number(c.autoAttackValue(), c.autoAttack()),
                            c.autoAttack().images()));
                }
            }
        });
        return lines;
    }

    /** @return the methods other than I-SCE */
    static List<Method> others() {
        return Method.ALL.stream().filter(m -> !m.isce()).toList();
    }

    private static List<Method> without(List<Method> methods, Method m) {
        return methods.stream().filter(x -> x != m && !x.isce()).toList();
    }

    private static String deepFoolWhere(Budget b, List<Setting> settings) {
        return String.join(
                        " and ",
                        settings.stream()
                                .map(s -> String.format(
                                        Locale.ROOT,
                                        "%s, first %,d test images",
                                        s,
                                        b.scale(s.network(), s.dataset()).testImages()))
                                .toList())
                + "; DeepFool (L2), " + Sections.WHITE_BOX;
    }

    /** @param epsIndex which of the paper's two ε the paper-protocol measurement uses */
    private static Measured pgdClaim(
            Results r,
            String number,
            String text,
            Setting s,
            int epsIndex,
            double claimed,
            Function<Method, Gap[]> measure) {
        String where = String.format(
                Locale.ROOT,
                "%s, %s, first %,d test images; %s; paper protocol at ε = %s, "
                        + "bounded at L2 ≤ %s; AutoAttack (standard) at the same radius",
                Names.network(s.network()),
                Names.dataset(s.dataset()),
                r.budget().scale(s.network(), s.dataset()).testImages(),
                Sections.WHITE_BOX,
                Paper.eps(s.dataset()).get(epsIndex),
                Cells.boundedRadius(s.dataset()));
        return judged(
                new Claim(number, text, where, claimed), measure.apply(Method.ISCE), measure.apply(Method.ISCE_CODE));
    }

    private static Measured boundedClaim(Claim claim, Function<Method, Gap> measure) {
        return judged(claim, new Gap[] {Gap.NONE, measure.apply(Method.ISCE)}, new Gap[] {
            Gap.NONE, measure.apply(Method.ISCE_CODE)
        });
    }

    /**
     * The verdict rule on each gap's interval, or on its point value where it has none.
     *
     * @param paper the paper variant's gaps: paper protocol, bounded, then (PGD claims) AutoAttack
     * @param code the code variant's, likewise
     */
    private static Measured judged(Claim claim, Gap[] paper, Gap[] code) {
        // in Column's order: both protocols of each variant, then each variant's AutoAttack
        List<Gap> measured = List.of(paper[0], paper[1], code[0], code[1], third(paper), third(code));
        List<Interval> intervals = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (Gap g : measured) {
            Interval ci = g.interval();
            intervals.add(ci);
            verdicts.add(
                    ci == null ? Verdict.ofClaim(g.value(), claim.claimed()) : Verdict.ofClaim(ci, claim.claimed()));
        }
        return new Measured(claim, measured, intervals, verdicts);
    }

    private static Gap third(Gap[] gaps) {
        return gaps.length > 2 ? gaps[2] : Gap.NONE;
    }

    /**
     * @return {paper protocol, bounded, AutoAttack} of I-SCE minus the best of the rivals: PGD-un at a
     *     paper ε, at the bounded radius, and AutoAttack at the same radius
     */
    private static Gap[] gapAt(Results r, Setting s, Method isce, List<Method> rivals, int steps, double eps) {
        return new Gap[] {
            gap(r, s, isce, rivals, Cells.paperPgd(eps, steps, TargetChoice.NONE)),
            gap(r, s, isce, rivals, Cells.pgd(Cells.boundedRadius(s.dataset()), steps, TargetChoice.NONE)),
            r.budget().settings().autoAttack().networks().contains(s.network())
                    ? gap(r, s, isce, rivals, Cells.autoAttack(s.dataset()))
                    : Gap.NONE
        };
    }

    /** @return the methods the budget attacks white-box: random resize + pad only where it affords its EOT */
    private static List<Method> attacked(Budget b, Setting s, List<Method> methods) {
        return methods.stream()
                .filter(m -> m != Method.RANDOM || b.whiteBoxOnRandom(s.network(), s.dataset()))
                .toList();
    }

    private static Gap gap(Results r, Setting s, Method isce, List<Method> rivals, AttackSpec spec) {
        List<Method> run = attacked(r.budget(), s, rivals);
        return best(
                r,
                operand(r, s, isce, AttackPlan.of(spec), Double.NaN),
                run.stream()
                        .map(m -> operand(r, s, m, AttackPlan.of(spec), Double.NaN))
                        .toList(),
                "");
    }

    /** @return the method's robust accuracy under the plan, at a budget (NaN: the plan's only row) */
    private static Operand operand(Results r, Setting s, Method method, AttackPlan plan, double budget) {
        AttackCell cell = r.cells().attack(s.network(), s.dataset(), method, plan);
        double value = Double.isNaN(budget) ? r.robust(cell) : r.robust(cell, plan.spec(), budget);
        Accuracy outcomes = Double.isNaN(value)
                ? null
                : Double.isNaN(budget) ? r.robustOutcomes(cell) : r.robustOutcomes(cell, plan.spec(), budget);
        return new Operand(name(method) + Sections.mark(r, s, method), value, cell, outcomes);
    }

    /** @return how a claim's operand names the method: I-SCE (the column says which variant), AT, or its label */
    private static String name(Method method) {
        return method.isce() ? "I-SCE" : method == Method.AT ? "AT" : method.label();
    }

    /** @return ours minus the best of the rivals (not measured when any is not) */
    private static Gap best(Results r, Operand ours, List<Operand> rivals, String at) {
        if (rivals.isEmpty() || rivals.stream().anyMatch(o -> Double.isNaN(o.value()))) {
            return Gap.NONE;
        }
        List<Cell> all = new ArrayList<>(List.of(ours.cell()));
        rivals.forEach(o -> all.add(o.cell()));
        Gap gap = Gap.of(
                        ours,
                        rivals.stream()
                                .max(Comparator.comparingDouble(Operand::value))
                                .orElseThrow(),
                        r,
                        at)
                .dependingOn(all);
        // the best rival is chosen again in every bootstrap replicate
        List<Accuracy> theirs = rivals.stream().map(Operand::outcomes).toList();
        return ours.outcomes() == null || theirs.contains(null)
                ? gap.computedAs(null)
                : gap.computedAs(Statistic.difference(ours.outcomes(), Statistic.max(theirs)));
    }

    private static Gap medianDeepFoolGap(Results r, List<Setting> settings, Method method, List<Method> rivals) {
        List<Gap> gaps = new ArrayList<>();
        int ties = 0;
        for (Setting s : settings) {
            AttackPlan plan = r.cells().deepFool(s.dataset());
            List<Method> run = DeepFoolFigure.methods(r.budget(), s).stream()
                    .filter(rivals::contains)
                    .toList();
            for (double budget : r.budget().budgets(s.dataset())) {
                Operand ours = operand(r, s, method, plan, budget);
                List<Operand> others =
                        run.stream().map(m -> operand(r, s, m, plan, budget)).toList();
                if (tie(ours, others)) {
                    ties++;
                    continue;
                }
                gaps.add(best(r, ours, others, String.format(Locale.ROOT, " (%s, L2 ≤ %s)", s, budget)));
            }
        }
        Gap median = median(gaps);
        return ties == 0 || Double.isNaN(median.value())
                ? median
                : median.describedAs(median.from() + "; " + ties + " budget(s) where every method ties left out");
    }

    /**
     * A budget where every method has the same accuracy (nothing is attackable at a tiny radius, or
     * every model is at 0 %) compares nothing: counted in a median it would pull the median to 0 and
     * decide "is comparable" or "is the best" claims by ties.
     */
    static boolean tie(Operand ours, List<Operand> others) {
        return !others.isEmpty() && others.stream().allMatch(o -> o.value() == ours.value());
    }

    private static Gap simbaGap(Results r, Method isce) {
        List<Gap> gaps = new ArrayList<>();
        List<Method> rivals = SimBaTable.METHODS.stream().filter(m -> !m.isce()).toList();
        for (DatasetName d : SimBaTable.DATASETS) {
            Setting s = new Setting(SimBaTable.NETWORK, d);
            AttackPlan plan = r.cells().simba(d);
            for (double bound : Paper.SIMBA_BOUNDS) {
                gaps.add(best(
                        r,
                        operand(r, s, isce, plan, bound),
                        rivals.stream().map(m -> operand(r, s, m, plan, bound)).toList(),
                        String.format(Locale.ROOT, " (%s, L2 ≤ %s)", Names.dataset(d), bound)));
            }
        }
        if (gaps.stream().anyMatch(g -> Double.isNaN(g.value()))) {
            return Gap.NONE;
        }
        Gap min = gaps.stream().min(Comparator.comparingDouble(Gap::value)).orElseThrow();
        return min.describedAs("smallest of " + gaps.size() + ": " + min.from())
                .computedAs(all(gaps) ? Statistic.min(statistics(gaps)) : null)
                .restingOn(gaps);
    }

    /** Claim 5a: AT loses clean accuracy (Table 2's clean column). */
    private static Measured cleanClaim(Results r) {
        double isceClean = Paper.TABLE2.get(Method.ISCE).get(0);
        double atClean = Paper.TABLE2.get(Method.AT).get(0);
        AttackPlan plan = AttackPlan.of(
                Cells.paperPgd(Paper.eps(DatasetName.CIFAR10).get(0), r.budget().tableSteps(), TargetChoice.NONE));
        Gap[][] v = new Gap[2][];
        int k = 0;
        for (Method isce : List.of(Method.ISCE, Method.ISCE_CODE)) {
            v[k++] = new Gap[] {Gap.of(clean(r, isce, plan), clean(r, Method.AT, plan), r, ""), Gap.NONE};
        }
        return judged(
                new Claim(
                        "5",
                        "AT loses clean accuracy: I-SCE minus AT, clean (" + Paper.difference(isceClean, atClean) + ")",
                        String.format(
                                Locale.ROOT,
                                "ResNet-32, CIFAR-10, clean accuracy on the first %,d " + "test images (no attack)",
                                r.budget()
                                        .scale(Architecture.RESNET32, DatasetName.CIFAR10)
                                        .testImages()),
                        isceClean - atClean),
                v[0],
                v[1]);
    }

    private static Operand clean(Results r, Method method, AttackPlan plan) {
        AttackCell cell = r.cells().attack(Architecture.RESNET32, DatasetName.CIFAR10, method, plan);
        double value = r.clean(cell);
        return new Operand(name(method), value, cell, Double.isNaN(value) ? null : r.cleanOutcomes(cell));
    }

    /** Claim 5c: AT's robustness (PGD 0.03/10, paper protocol) peaks at an inner training size, then falls. */
    private static Measured peakClaim(Results r) {
        List<Operand> acc = AdversarialTrainingFigure.curve(r, 0).stream()
                .map(o -> new Operand(
                        o.name(),
                        o.value(),
                        o.cell(),
                        Double.isNaN(o.value()) ? null : r.robustOutcomes((AttackCell) o.cell())))
                .toList();
        Peak peak = Peak.of(acc.stream().mapToDouble(Operand::value).toArray());
        // the peak stays where the measured accuracies put it; the interval is of the fall from there
        Gap fall = peak.at() < 0
                ? Gap.NONE
                : Gap.of(acc.get(peak.at()), acc.get(acc.size() - 1), r, "")
                        .dependingOn(acc.stream().map(Operand::cell).toList());
        Interval ci = fall.interval();
        String text = "AT's robustness peaks at some training size and then falls (Fig. 7; measured: accuracy at the "
                + "peak minus at the largest size; reproduced when the peak is inside the range and the fall is ≥ 5 "
                + "points, partly when it falls at all)";
        String where = String.format(
                Locale.ROOT,
                "ResNet-32, CIFAR-10, first %,d test images; PGD 0.03/10 paper " + "protocol, %s",
                r.budget()
                        .scale(AdversarialTrainingFigure.NETWORK, AdversarialTrainingFigure.DATASET)
                        .testImages(),
                Sections.WHITE_BOX);
        return new Measured(
                new Claim("5", text, where, 0),
                List.of(fall, Gap.NONE, Gap.NONE, Gap.NONE, Gap.NONE, Gap.NONE),
                java.util.Arrays.asList(ci, null, null, null, null, null),
                List.of(
                        ci == null ? peak.verdict() : peak.verdict(ci),
                        Verdict.NOT_MEASURED,
                        Verdict.NOT_MEASURED,
                        Verdict.NOT_MEASURED,
                        Verdict.NOT_MEASURED,
                        Verdict.NOT_MEASURED));
    }

    /** @return the median gap, naming the one (or the two) it is read from; not measured when any is not */
    private static Gap median(List<Gap> gaps) {
        if (gaps.isEmpty() || gaps.stream().anyMatch(g -> Double.isNaN(g.value()))) {
            return Gap.NONE;
        }
        List<Gap> sorted =
                gaps.stream().sorted(Comparator.comparingDouble(Gap::value)).toList();
        int n = sorted.size();
        Statistic statistic = all(gaps) ? Statistic.median(statistics(gaps)) : null;
        if (n % 2 == 1) {
            Gap mid = sorted.get(n / 2);
            return mid.describedAs("median of " + n + ": " + mid.from())
                    .computedAs(statistic)
                    .restingOn(gaps);
        }
        Gap low = sorted.get(n / 2 - 1);
        Gap high = sorted.get(n / 2);
        List<Operand> both = new ArrayList<>(low.operands());
        both.addAll(high.operands());
        return new Gap(
                        (low.value() + high.value()) / 2,
                        "median of " + n + ", the mean of " + low.from() + " and " + high.from(),
                        both,
                        statistic,
                        List.of())
                .restingOn(gaps);
    }

    /** @return whether every gap has a statistic (its operands' per-image outcomes were recorded) */
    private static boolean all(List<Gap> gaps) {
        return gaps.stream().map(Gap::statistic).allMatch(Objects::nonNull);
    }

    private static List<Statistic> statistics(List<Gap> gaps) {
        return gaps.stream().map(Gap::statistic).toList();
    }
}
