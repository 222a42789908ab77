package io.github.isce4j.reproduce;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.model.Architecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The claims of the paper's text (docs/reproduce.md), each measured on the cells of the tables and
 * figures, for both I-SCE variants and in both protocols, with the verdict rule applied.
 */
final class Claims {

    private Claims() {}

    /**
     * One judged claim.
     *
     * @param number the claim's number in docs/reproduce.md
     * @param text what the paper says
     * @param where network, data, test subset, attack, threat model and protocol it is measured on
     * @param claimed the paper's difference D, points (0: "is the best")
     * @param measured the four measurements: I-SCE's paper variant in the paper protocol and
     *     bounded, then the code variant in the paper protocol and bounded
     * @param verdicts their verdicts, in the same order
     */
    record Claim(String number, String text, String where, double claimed, List<Gap> measured, List<Verdict> verdicts) {}

    /**
     * A measured difference and the numbers it is computed from.
     *
     * @param value points; NaN when not measured
     * @param from the operands as Markdown, each linked to its result file; "" when not measured
     */
    record Gap(double value, String from) {
        static final Gap NONE = new Gap(Double.NaN, "");

        /** @return a minus b, both linked; not measured when either is NaN */
        static Gap of(Operand a, Operand b, Results r, String at) {
            double d = a.value() - b.value();
            return Double.isNaN(d) ? NONE : new Gap(d, a.md(r) + " − " + b.md(r) + at);
        }
    }

    /**
     * One accuracy a claim reads.
     *
     * @param name the method or model it belongs to
     * @param value percent
     * @param cell the result file it was read from
     */
    record Operand(String name, double value, Cell cell) {
        String md(Results r) {
            return name + " " + r.number(value, cell);
        }
    }

    /** @return every claim, measured where its cells are done */
    static List<Claim> evaluate(Results r) {
        Budget b = r.budget();
        int steps = b.tableSteps();
        List<Claim> claims = new ArrayList<>();
        Architecture res = Architecture.RESNET32;
        DatasetName mnist = DatasetName.MNIST;
        DatasetName cifar = DatasetName.CIFAR10;
        double[] claim1 = {63.13, 60.31, 61.06, 17.41};
        Method[] rivals1 = {Method.SCE, Method.CENTER, Method.LGM, Method.MMC};
        for (int i = 0; i < rivals1.length; i++) {
            Method rival = rivals1[i];
            claims.add(pgdClaim(r, "1", "I-SCE is " + claim1[i] + " points above " + rival.label() + " under PGD-50-un",
                    res, mnist, claim1[i], isce -> gap(r, res, mnist, isce, List.of(rival), steps, radius(mnist))));
        }
        claims.add(pgdClaim(r, "2", "I-SCE is 97 points above SCE under PGD-50-un", Architecture.LENET5, mnist, 97,
                isce -> gap(r, Architecture.LENET5, mnist, isce, List.of(Method.SCE), steps, radius(mnist))));
        claims.add(pgdClaim(r, "2", "I-SCE is 79 points above SCE under PGD-50-un", Architecture.CNN8, cifar, 79,
                isce -> gap(r, Architecture.CNN8, cifar, isce, List.of(Method.SCE), steps, radius(cifar))));
        claims.add(pgdClaim(r, "2", "I-SCE is ≥ 48 points above every other method under PGD-50-un",
                Architecture.LENET5, mnist, 48, isce -> gap(r, Architecture.LENET5, mnist, isce, others(), steps, radius(mnist))));
        claims.add(pgdClaim(r, "2", "I-SCE is ≥ 55 points above every other method under PGD-50-un",
                Architecture.CNN8, cifar, 55, isce -> gap(r, Architecture.CNN8, cifar, isce, others(), steps, radius(cifar))));
        List<Sections.Setting> deep = List.of(Sections.SETTINGS.get(0), Sections.SETTINGS.get(1));
        List<Sections.Setting> shallow = List.of(Sections.SETTINGS.get(2), Sections.SETTINGS.get(3));
        claims.add(boundedClaim("3", "DeepFool: I-SCE beats every competitor by more than 50 points in most cases "
                + "(median over datasets and L2 budgets of I-SCE minus the best other method)", deepFoolWhere(b, deep), 50,
                isce -> medianDeepFoolGap(r, deep, isce, others())));
        claims.add(boundedClaim("4", "DeepFool, shallow networks: MMC is the best (median over networks and budgets "
                + "of MMC minus the best other method)", deepFoolWhere(b, shallow), 0,
                isce -> medianDeepFoolGap(r, shallow, Method.MMC, without(Method.ALL, Method.MMC))));
        claims.add(boundedClaim("4", "DeepFool, shallow networks: I-SCE is comparable to MMC (median of I-SCE minus "
                + "MMC; comparable: not more than 5 points below)", deepFoolWhere(b, shallow), 0,
                isce -> medianDeepFoolGap(r, shallow, isce, List.of(Method.MMC))));
        claims.add(cleanClaim(r, "5", "AT loses clean accuracy: I-SCE minus AT, clean (89.09 − 83.48)", 89.09 - 83.48));
        claims.add(pgdClaim(r, "5", "AT is weaker than I-SCE beyond its training ε: I-SCE minus AT at ε 0.04 "
                + "(Table 1: 46.41 − 0.74)", res, mnist, 1, 46.41 - 0.74, isce -> gapAt(r, res, mnist, isce,
                        List.of(Method.AT), steps, b.paperEps(mnist).get(1), radius(mnist))));
        claims.add(peakClaim(r));
        claims.add(boundedClaim("6", "SimBA: I-SCE is the most robust at every bound on both datasets (smallest, over "
                + "datasets and bounds, of I-SCE minus the best other method of Table 3)", String.format(Locale.ROOT,
                "ResNet-32, MNIST and CIFAR-10, first %,d test images (random resize + pad: %,d); SimBA-DCT, %s",
                b.scale(res, mnist).testImages(), b.randomDefenseImages(res, mnist), Sections.BLACK_BOX), 0,
                isce -> simbaGap(r, isce)));
        return claims;
    }

    /** @return the L2 radius PGD claims are measured at in the bounded protocol: 1 on MNIST, 0.5 on CIFAR-10 */
    static double radius(DatasetName dataset) {
        return dataset == DatasetName.MNIST ? 1.0 : 0.5;
    }

    static List<Method> others() {
        return Method.ALL.stream().filter(m -> !m.isce()).toList();
    }

    private static List<Method> without(List<Method> methods, Method m) {
        return methods.stream().filter(x -> x != m && !x.isce()).toList();
    }

    private static String deepFoolWhere(Budget b, List<Sections.Setting> settings) {
        return String.join(" and ", settings.stream().map(s -> String.format(Locale.ROOT, "%s, first %,d test images",
                s, b.scale(s.network(), s.dataset()).testImages())).toList()) + "; DeepFool (L2), " + Sections.WHITE_BOX;
    }

    private static Claim pgdClaim(Results r, String number, String text, Architecture network, DatasetName dataset,
            double claimed, Function<Method, Gap[]> measure) {
        return pgdClaim(r, number, text, network, dataset, 0, claimed, measure);
    }

    /** @param epsIndex which of the paper's two ε the paper-protocol measurement uses */
    private static Claim pgdClaim(Results r, String number, String text, Architecture network, DatasetName dataset,
            int epsIndex, double claimed, Function<Method, Gap[]> measure) {
        String where = String.format(Locale.ROOT, "%s, %s, first %,d test images; %s; paper protocol at ε = %s, "
                + "bounded at L2 ≤ %s", Names.network(network), Names.dataset(dataset),
                r.budget().scale(network, dataset).testImages(), Sections.WHITE_BOX,
                r.budget().paperEps(dataset).get(epsIndex), radius(dataset));
        return judged(number, text, where, claimed, measure.apply(Method.ISCE), measure.apply(Method.ISCE_CODE));
    }

    private static Claim boundedClaim(String number, String text, String where, double claimed,
            Function<Method, Gap> measure) {
        return judged(number, text, where, claimed, new Gap[] {Gap.NONE, measure.apply(Method.ISCE)},
                new Gap[] {Gap.NONE, measure.apply(Method.ISCE_CODE)});
    }

    private static Claim judged(String number, String text, String where, double claimed, Gap[] paper, Gap[] code) {
        List<Gap> measured = List.of(paper[0], paper[1], code[0], code[1]);
        return new Claim(number, text, where, claimed, measured,
                measured.stream().map(g -> Verdict.ofClaim(g.value(), claimed)).toList());
    }

    /** @return {paper protocol, bounded} of I-SCE minus the best of the rivals, PGD-un at the first paper ε */
    private static Gap[] gap(Results r, Architecture net, DatasetName data, Method isce, List<Method> rivals,
            int steps, double radius) {
        return gapAt(r, net, data, isce, rivals, steps, r.budget().paperEps(data).get(0), radius);
    }

    private static Gap[] gapAt(Results r, Architecture net, DatasetName data, Method isce, List<Method> rivals,
            int steps, double eps, double radius) {
        return new Gap[] {
            gap(r, net, data, isce, rivals, Cells.paperPgd(eps, steps, TargetChoice.NONE)),
            gap(r, net, data, isce, rivals, Cells.pgd(radius, steps, TargetChoice.NONE))};
    }

    private static Gap gap(Results r, Architecture net, DatasetName data, Method isce, List<Method> rivals,
            AttackSpec spec) {
        List<Method> run = rivals.stream().filter(m -> m != Method.RANDOM || r.budget().whiteBoxOnRandom(net)).toList();
        return best(r, operand(r, net, data, isce, AttackPlan.of(spec), Double.NaN),
                run.stream().map(m -> operand(r, net, data, m, AttackPlan.of(spec), Double.NaN)).toList(), "");
    }

    /** @return the method's robust accuracy under the plan, at a budget (NaN: the plan's only row) */
    private static Operand operand(Results r, Architecture net, DatasetName data, Method method, AttackPlan plan,
            double budget) {
        AttackCell cell = r.cells().attack(net, data, method, plan);
        double value = Double.isNaN(budget) ? r.robust(cell) : r.robust(cell, plan.spec(), budget);
        return new Operand(name(method), value, cell);
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
        return Gap.of(ours, rivals.stream().max(Comparator.comparingDouble(Operand::value)).orElseThrow(), r, at);
    }

    private static Gap medianDeepFoolGap(Results r, List<Sections.Setting> settings, Method method,
            List<Method> rivals) {
        List<Gap> gaps = new ArrayList<>();
        for (Sections.Setting s : settings) {
            AttackPlan plan = r.cells().deepFool(s.dataset());
            List<Method> run = DeepFoolFigure.methods(r.budget(), s).stream().filter(rivals::contains).toList();
            for (double budget : r.budget().budgets(s.dataset())) {
                gaps.add(best(r, operand(r, s.network(), s.dataset(), method, plan, budget),
                        run.stream().map(m -> operand(r, s.network(), s.dataset(), m, plan, budget)).toList(),
                        String.format(Locale.ROOT, " (%s, L2 ≤ %s)", s, budget)));
            }
        }
        return median(gaps);
    }

    private static Gap simbaGap(Results r, Method isce) {
        List<Gap> gaps = new ArrayList<>();
        List<Method> rivals = SimBaTable.METHODS.stream().filter(m -> !m.isce()).toList();
        for (DatasetName d : List.of(DatasetName.MNIST, DatasetName.CIFAR10)) {
            AttackPlan plan = r.cells().simba(d);
            for (double bound : Cells.SIMBA_BOUNDS) {
                gaps.add(best(r, operand(r, Architecture.RESNET32, d, isce, plan, bound),
                        rivals.stream().map(m -> operand(r, Architecture.RESNET32, d, m, plan, bound)).toList(),
                        String.format(Locale.ROOT, " (%s, L2 ≤ %s)", Names.dataset(d), bound)));
            }
        }
        if (gaps.stream().anyMatch(g -> Double.isNaN(g.value()))) {
            return Gap.NONE;
        }
        Gap min = gaps.stream().min(Comparator.comparingDouble(Gap::value)).orElseThrow();
        return new Gap(min.value(), "smallest of " + gaps.size() + ": " + min.from());
    }

    private static Claim cleanClaim(Results r, String number, String text, double claimed) {
        AttackPlan plan = AttackPlan.of(Cells.paperPgd(r.budget().paperEps(DatasetName.CIFAR10).get(0),
                r.budget().tableSteps(), TargetChoice.NONE));
        Gap[][] v = new Gap[2][];
        int k = 0;
        for (Method isce : List.of(Method.ISCE, Method.ISCE_CODE)) {
            v[k++] = new Gap[] {Gap.of(clean(r, isce, plan), clean(r, Method.AT, plan), r, ""), Gap.NONE};
        }
        return judged(number, text, String.format(Locale.ROOT, "ResNet-32, CIFAR-10, clean accuracy on the first %,d "
                + "test images (no attack)", r.budget().scale(Architecture.RESNET32, DatasetName.CIFAR10).testImages()),
                claimed, v[0], v[1]);
    }

    private static Operand clean(Results r, Method method, AttackPlan plan) {
        AttackCell cell = r.cells().attack(Architecture.RESNET32, DatasetName.CIFAR10, method, plan);
        return new Operand(name(method), r.clean(cell), cell);
    }

    /**
     * Where accuracies over increasing training sizes peak, and how far they fall from there to the
     * largest size.
     *
     * @param at the index of the first highest accuracy; -1 when any is not measured
     * @param fall points from the peak to the largest size; NaN when not measured
     * @param sizes how many sizes
     */
    record Peak(int at, double fall, int sizes) {
        static Peak of(double[] accuracies) {
            int at = 0;
            for (int i = 0; i < accuracies.length; i++) {
                if (Double.isNaN(accuracies[i])) {
                    return new Peak(-1, Double.NaN, accuracies.length);
                }
                at = accuracies[i] > accuracies[at] ? i : at;
            }
            return new Peak(at, accuracies[at] - accuracies[accuracies.length - 1], accuracies.length);
        }

        /**
         * @return reproduced when the peak is inside the range (neither the smallest nor the largest
         *     size) and the accuracy falls from it by at least 5 points; partly when it falls at all
         *     (a peak at the smallest size, or a fall under 5 points); not reproduced when the largest
         *     size is the most robust
         */
        Verdict verdict() {
            if (Double.isNaN(fall)) {
                return Verdict.NOT_MEASURED;
            }
            boolean inside = at > 0 && at < sizes - 1;
            return inside && fall >= Verdict.ROBUST_TOLERANCE ? Verdict.REPRODUCED
                    : fall > 0 ? Verdict.PARTLY : Verdict.NOT_REPRODUCED;
        }
    }

    /** Claim 5c: AT's robustness (PGD 0.03/10, paper protocol) peaks at an inner training size, then falls. */
    private static Claim peakClaim(Results r) {
        List<Operand> acc = AdversarialTrainingFigure.curve(r, AdversarialTrainingFigure.specs().get(0));
        Peak peak = Peak.of(acc.stream().mapToDouble(Operand::value).toArray());
        Gap fall = peak.at() < 0 ? Gap.NONE : Gap.of(acc.get(peak.at()), acc.get(acc.size() - 1), r, "");
        String text = "AT's robustness peaks at some training size and then falls (Fig. 7; measured: accuracy at the "
                + "peak minus at the largest size; reproduced when the peak is inside the range and the fall is ≥ 5 "
                + "points, partly when it falls at all)";
        String where = String.format(Locale.ROOT, "ResNet-32, CIFAR-10, first %,d test images; PGD 0.03/10 paper "
                + "protocol, %s", r.budget().scale(AdversarialTrainingFigure.NETWORK, AdversarialTrainingFigure.DATASET)
                .testImages(), Sections.WHITE_BOX);
        return new Claim("5", text, where, 0, List.of(fall, Gap.NONE, Gap.NONE, Gap.NONE), List.of(peak.verdict(),
                Verdict.NOT_MEASURED, Verdict.NOT_MEASURED, Verdict.NOT_MEASURED));
    }

    /** @return the median gap, naming the one (or the two) it is read from; not measured when any is not */
    private static Gap median(List<Gap> gaps) {
        if (gaps.isEmpty() || gaps.stream().anyMatch(g -> Double.isNaN(g.value()))) {
            return Gap.NONE;
        }
        List<Gap> sorted = gaps.stream().sorted(Comparator.comparingDouble(Gap::value)).toList();
        int n = sorted.size();
        if (n % 2 == 1) {
            Gap mid = sorted.get(n / 2);
            return new Gap(mid.value(), "median of " + n + ": " + mid.from());
        }
        Gap low = sorted.get(n / 2 - 1);
        Gap high = sorted.get(n / 2);
        return new Gap((low.value() + high.value()) / 2, "median of " + n + ", the mean of " + low.from() + " and "
                + high.from());
    }
}
