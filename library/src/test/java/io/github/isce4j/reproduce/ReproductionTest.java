package io.github.isce4j.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.TestData;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.render.HeadlessChromium;
import io.github.isce4j.stats.Interval;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproductionTest {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void cellKeysChangeExactlyWhenASettingChanges() {
        Cells quick = new Cells(Budget.QUICK);
        TrainingCell isce = quick.model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE);
        assertEquals(
                isce.key(),
                new Cells(Budget.QUICK)
                        .model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE)
                        .key());
        // the default grid point of Fig. 4 is the very model of Table 1
        assertEquals(
                isce.key(),
                quick.isce(Architecture.RESNET32, DatasetName.MNIST, 1.0, 0.1).key());
        assertNotEquals(
                isce.key(),
                quick.isce(Architecture.RESNET32, DatasetName.MNIST, 1.0, 0.07).key());
        assertNotEquals(
                isce.key(),
                quick.model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE_CODE)
                        .key());
        assertNotEquals(
                isce.key(),
                new Cells(Budget.PAPER)
                        .model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE)
                        .key());
        // random resize + pad attacks the SCE model; AT is Fig. 7's size-0.02 model
        assertEquals(
                quick.model(Architecture.LENET5, DatasetName.MNIST, Method.SCE).key(),
                quick.model(Architecture.LENET5, DatasetName.MNIST, Method.RANDOM)
                        .key());
        assertEquals(
                quick.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.AT)
                        .key(),
                quick.adversarial(Architecture.RESNET32, DatasetName.CIFAR10, 0.02)
                        .key());
        assertNotEquals(
                quick.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.AT)
                        .key(),
                quick.adversarial(Architecture.RESNET32, DatasetName.CIFAR10, 0.04)
                        .key());

        AttackPlan pgd = AttackPlan.of(Cells.pgd(1.0, 50, TargetChoice.NONE));
        AttackCell a = quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE, pgd);
        assertEquals(
                a.key(),
                quick.attack(
                                Architecture.LENET5,
                                DatasetName.MNIST,
                                Method.SCE,
                                AttackPlan.of(Cells.pgd(1.0, 50, TargetChoice.NONE)))
                        .key());
        assertNotEquals(
                a.key(),
                quick.attack(
                                Architecture.LENET5,
                                DatasetName.MNIST,
                                Method.SCE,
                                AttackPlan.of(Cells.pgd(1.5, 50, TargetChoice.NONE)))
                        .key());
        assertNotEquals(
                a.key(),
                quick.attack(
                                Architecture.LENET5,
                                DatasetName.MNIST,
                                Method.SCE,
                                AttackPlan.of(Cells.pgd(1.0, 10, TargetChoice.NONE)))
                        .key());
        assertNotEquals(
                a.key(),
                quick.attack(
                                Architecture.LENET5,
                                DatasetName.MNIST,
                                Method.SCE,
                                AttackPlan.of(Cells.pgd(1.0, 50, TargetChoice.LEAST_LIKELY)))
                        .key());
        assertNotEquals(
                a.key(),
                quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.RANDOM, pgd)
                        .key());
        assertNotEquals(
                a.key(),
                quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.ISCE, pgd)
                        .key());
        assertNotEquals(a.key(), new AttackCell(a.model(), false, pgd, a.images() - 1, a.batchSize(), a.seed()).key());
        assertNotEquals(a.key(), new AttackCell(a.model(), false, pgd, a.images(), a.batchSize(), a.seed() + 1).key());
        AttackPlan deepFool = quick.deepFool(DatasetName.MNIST);
        AttackCell d = quick.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE, deepFool);
        assertNotEquals(
                d.key(),
                quick.attack(
                                Architecture.LENET5,
                                DatasetName.MNIST,
                                Method.SCE,
                                AttackPlan.judgedAt(deepFool.spec(), List.of(0.5, 1.0), deepFool.budgetNorm()))
                        .key());
        assertEquals(d.key(), new AttackCell(d.model(), false, deepFool, d.images(), d.batchSize(), d.seed()).key());
    }

    @Test
    void verdictRuleOnHandMadeNumbers() {
        assertEquals(Verdict.MATCHED, Verdict.ofNumber(98.6, 99.57, true));
        assertEquals(Verdict.NOT_MATCHED, Verdict.ofNumber(98.5, 99.57, true));
        assertEquals(Verdict.MATCHED, Verdict.ofNumber(58.5, 63.47, false));
        assertEquals(Verdict.NOT_MATCHED, Verdict.ofNumber(58.4, 63.47, false));
        assertEquals(Verdict.NOT_MEASURED, Verdict.ofNumber(Double.NaN, 63.47, false));
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(58.2, 63.13));
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(90, 63.13));
        assertEquals(Verdict.PARTLY, Verdict.ofClaim(58.1, 63.13));
        assertEquals(Verdict.PARTLY, Verdict.ofClaim(5, 63.13));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(4.9, 63.13));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(-30, 63.13));
        // "is the best" claims: within 5 points below the best still holds, nothing is partly
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(-5, 0));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(-5.1, 0));
    }

    /**
     * The rule on an interval: a verdict when both ends give it, inconclusive when they differ. Checking
     * the ends suffices because the rule is monotone in the measured value: scanning it from −120 to
     * +120 points, each verdict holds on one stretch only, for D below, at and above 0.
     */
    @Test
    void verdictRuleOnIntervals() {
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(new Interval(58.2, 70), 63.13));
        assertEquals(Verdict.PARTLY, Verdict.ofClaim(new Interval(5, 58.1), 63.13));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(new Interval(-30, 4.9), 63.13));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.ofClaim(new Interval(50, 60), 63.13));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.ofClaim(new Interval(-3, 8), 63.13));
        assertEquals(Verdict.REPRODUCED, Verdict.ofClaim(new Interval(-4, 12), 0));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.ofClaim(new Interval(-8, 2), 0));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.ofClaim(new Interval(-30, -5.1), 0));
        assertEquals(Verdict.PARTLY, Verdict.ofClaim(new Interval(-40, -20), -10));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.ofClaim(new Interval(-20, 0), -10));
        for (double claimed : new double[] {-30, -10, -3, 0, 3, 10, 63.13}) {
            List<Verdict> stretches = new java.util.ArrayList<>();
            for (int i = -2400; i <= 2400; i++) {
                Verdict v = Verdict.ofClaim(i / 20.0, claimed);
                if (stretches.isEmpty() || stretches.get(stretches.size() - 1) != v) {
                    assertFalse(stretches.contains(v), "D = " + claimed + ": " + v + " again at " + i / 20.0);
                    stretches.add(v);
                }
            }
        }
        // the peak rule on the fall's interval, the peak where the measured accuracies put it
        Peak peak = Peak.of(new double[] {20, 40, 33});
        assertEquals(Verdict.REPRODUCED, peak.verdict(new Interval(5, 9)));
        assertEquals(Verdict.INCONCLUSIVE, peak.verdict(new Interval(2, 9)));
        assertEquals(Verdict.INCONCLUSIVE, peak.verdict(new Interval(-1, 9)));
        assertEquals(Verdict.PARTLY, peak.verdict(new Interval(0.5, 4)));
    }

    /** Claim 5c's rule (docs/reproduce.md, Verdicts): a peak inside the range then a fall of ≥ 5 points. */
    @Test
    void peakRuleOnHandMadeNumbers() {
        assertEquals(Verdict.REPRODUCED, Peak.of(new double[] {20, 40, 35}).verdict());
        assertEquals(new Peak(1, 5, 3), Peak.of(new double[] {20, 40, 35}));
        // a fall under 5 points, or a peak at the smallest size: it falls, but only partly as the paper says
        assertEquals(Verdict.PARTLY, Peak.of(new double[] {20, 40, 36}).verdict());
        assertEquals(Verdict.PARTLY, Peak.of(new double[] {40, 30, 20}).verdict());
        // the largest size is the most robust (ties go to the first): no fall at all
        assertEquals(Verdict.NOT_REPRODUCED, Peak.of(new double[] {20, 30, 40}).verdict());
        assertEquals(Verdict.NOT_REPRODUCED, Peak.of(new double[] {30, 30, 30}).verdict());
        assertEquals(
                Verdict.NOT_MEASURED, Peak.of(new double[] {20, Double.NaN, 40}).verdict());
    }

    /** Every reduction is printed under some table or figure, and only under those it affects. */
    @Test
    void reductionsAreShownWhereTheyApply() {
        for (Budget budget : Budget.values()) {
            Cells cells = new Cells(budget);
            java.util.Set<String> shown = new java.util.HashSet<>();
            for (Recipe recipe : Recipes.ALL) {
                shown.addAll(budget.reductions(recipe.id(), Sections.settings(recipe, cells)));
            }
            assertEquals(new java.util.HashSet<>(budget.reductions()), shown, budget.id());
        }
        Cells quick = new Cells(Budget.QUICK);
        Recipe fig10 = Recipes.select(List.of("fig10")).get(0);
        List<String> lenet = Budget.QUICK.reductions("fig10", Sections.settings(fig10, quick));
        assertTrue(lenet.stream().anyMatch(r -> r.startsWith("LeNet-5 on MNIST: PGD curves")), lenet.toString());
        assertTrue(lenet.stream().noneMatch(r -> r.contains("ResNet-32") || r.contains("Fig. 4")), lenet.toString());
        Recipe fig4 = Recipes.select(List.of("fig4")).get(0);
        List<String> grid = Budget.QUICK.reductions("fig4", Sections.settings(fig4, quick));
        assertTrue(grid.stream().anyMatch(r -> r.startsWith("Fig. 4 grid")), grid.toString());
        assertTrue(grid.stream().noneMatch(r -> r.contains("LeNet-5") || r.contains("Fig. 7")), grid.toString());
    }

    /** A DeepFool budget where every method has the same accuracy stays out of the claims' medians. */
    @Test
    void budgetsWhereEveryMethodTiesAreLeftOutOfMedians() {
        Operand isce = new Operand("I-SCE", 100, null);
        assertTrue(Claims.tie(isce, List.of(new Operand("MMC", 100, null), new Operand("SCE", 100, null))));
        assertFalse(Claims.tie(isce, List.of(new Operand("MMC", 100, null), new Operand("SCE", 99.8, null))));
        assertFalse(Claims.tie(new Operand("I-SCE", Double.NaN, null), List.of(new Operand("MMC", Double.NaN, null))));
        assertFalse(Claims.tie(isce, List.of()));
    }

    /** The computed sentence under a figure, on hand-made curves. */
    @Test
    void figureComparisonOnHandMadeNumbers(@TempDir Path out) {
        Cells cells = new Cells(Budget.QUICK);
        Results results = new Results(out, cells);
        Cell cell = cells.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE, cells.deepFool(DatasetName.MNIST));
        FigureComparison c = new FigureComparison("L2 ≤");
        // radius, SCE, I-SCE paper variant, code variant, MMC; at the largest radius all tie, so none is highest
        double[][] values = {{1.0, 50, 60, 55, 70}, {2.0, 10, 30, 20, 40}, {3.0, 0, 0, 0, 0}};
        for (double[] v : values) {
            c.add(Method.SCE, v[0], v[1], cell);
            c.add(Method.ISCE, v[0], v[2], cell);
            c.add(Method.ISCE_CODE, v[0], v[3], cell);
            c.add(Method.MMC, v[0], v[4], cell);
        }
        String mmcBest = c.sentence(results, new FigureComparison.PaperSays("Fig. 12", Method.MMC, false, "§4.3"));
        assertTrue(mmcBest.contains("at the largest L2 ≤ 3.0 all curves tie at [0.0]("), mmcBest);
        assertTrue(mmcBest.contains("I-SCE (paper variant) yes, yes, no; I-SCE (code variant) yes, yes, no"), mmcBest);
        assertTrue(
                mmcBest.contains("highest curve at: MMC 2 of 3") && mmcBest.endsWith("ours agrees for MMC."), mmcBest);
        String isceBest = c.sentence(results, new FigureComparison.PaperSays("Fig. 10", Method.ISCE, true, "§4.3"));
        assertTrue(isceBest.contains("I-SCE (paper variant) 0 of 3, I-SCE (code variant) 0 of 3"), isceBest);
        assertTrue(isceBest.endsWith("ours does not agree."), isceBest);
    }

    /** A model's sanity verdicts mark its rows (warning † apart from failure ⚠) and are listed under each section. */
    @Test
    void sanityMarksTellWarningsFromFailures(@TempDir Path out) throws IOException {
        Cells cells = new Cells(Budget.SMOKE);
        Results results = new Results(out, cells);
        SanityCell cell = cells.sanity(Architecture.LENET5, DatasetName.MNIST, Method.ISCE);
        String label = Method.ISCE.label();
        assertEquals(label, Sections.method(results, Architecture.LENET5, DatasetName.MNIST, Method.ISCE));
        writeVerdicts(out, cell, io.github.isce4j.eval.SanityCheck.Verdict.WARNING, "8 of 9 ok; warning: 6");
        assertEquals(label + " †", Sections.method(results, Architecture.LENET5, DatasetName.MNIST, Method.ISCE));
        String notes = Sections.notes(Recipes.select(List.of("fig10")).get(0), results);
        assertTrue(notes.contains(label + " [8 of 9 ok; warning: 6](" + results.link(cell) + ") †"), notes);
        writeVerdicts(out, cell, io.github.isce4j.eval.SanityCheck.Verdict.FAILED, "8 of 9 ok; FAILED: 6");
        assertEquals(label + " ⚠", Sections.method(results, Architecture.LENET5, DatasetName.MNIST, Method.ISCE));
    }

    /** A rival's model is sanity-checked too, and its failure marks the rival's operands in the claims. */
    @Test
    void rivalsAreSanityCheckedAndMarked(@TempDir Path out) throws IOException {
        Cells cells = new Cells(Budget.SMOKE);
        Results results = new Results(out, cells);
        SanityCell mmc = cells.sanity(Architecture.LENET5, DatasetName.MNIST, Method.MMC);
        assertTrue(
                new SanitySection().cells(cells).stream().anyMatch(c -> c.key().equals(mmc.key())),
                "MMC's LeNet-5 model is not checked");
        assertEquals("", Sections.mark(results, Setting.LENET_MNIST, Method.MMC));
        writeVerdicts(out, mmc, io.github.isce4j.eval.SanityCheck.Verdict.FAILED, "8 of 9 ok; FAILED: 7");
        assertEquals(" ⚠", Sections.mark(results, Setting.LENET_MNIST, Method.MMC));
        assertEquals("MMC ⚠", Sections.method(results, Architecture.LENET5, DatasetName.MNIST, Method.MMC));
        // random resize + pad is a randomized wrapper of the SCE model: not checked, never marked
        assertEquals("", Sections.mark(results, Setting.LENET_MNIST, Method.RANDOM));
    }

    /**
     * The models the PGD claims compare, which AutoAttack attacks too: all of them in the paper
     * budget (random resize + pad where it is attacked white-box); quick, whose deep models do not
     * converge, measures LeNet-5's only.
     */
    @Test
    void autoAttackRunsOnEveryModelOfAPgdClaim() {
        Map<Setting, List<Method>> models = Claims.pgdModels(Budget.PAPER);
        assertEquals(
                List.of(Setting.RESNET_MNIST, Setting.LENET_MNIST, Setting.CNN_CIFAR), List.copyOf(models.keySet()));
        assertEquals(
                List.of(Method.SCE, Method.CENTER, Method.LGM, Method.MMC, Method.AT, Method.ISCE, Method.ISCE_CODE),
                models.get(Setting.RESNET_MNIST));
        assertEquals(Method.ALL, models.get(Setting.CNN_CIFAR));
        assertEquals(
                List.of(Setting.LENET_MNIST),
                List.copyOf(Claims.pgdModels(Budget.QUICK).keySet()));
        assertEquals(Method.ALL, Claims.pgdModels(Budget.QUICK).get(Setting.LENET_MNIST));
        Cells quick = new Cells(Budget.QUICK);
        List<AttackCell> lenet = Claims.autoAttackCells(quick, Setting.LENET_MNIST);
        assertEquals(10, lenet.size());
        assertTrue(lenet.stream().allMatch(c -> c.plan().spec().equals(Cells.autoAttack(DatasetName.MNIST))));
        assertEquals(1.0, Cells.autoAttack(DatasetName.MNIST).eps());
        assertEquals(0.5, Cells.autoAttack(DatasetName.CIFAR10).eps());
        // quick's AutoAttack images: the first 100 of PGD's 500; random resize + pad 25 (its PGD's too)
        assertEquals(
                List.of(100, 25),
                lenet.stream().map(AttackCell::images).distinct().toList());
        assertEquals(
                500,
                quick.attack(
                                Architecture.LENET5,
                                DatasetName.MNIST,
                                Method.SCE,
                                Claims.boundedPgd(Budget.QUICK, DatasetName.MNIST))
                        .images());
        assertTrue(Claims.autoAttackCells(new Cells(Budget.PAPER), Setting.LENET_MNIST).stream()
                .allMatch(c -> c.images()
                                == Budget.PAPER
                                        .scale(Architecture.LENET5, DatasetName.MNIST)
                                        .testImages()
                        || c.randomDefense()));
        assertTrue(Claims.autoAttackCells(quick, Setting.RESNET_CIFAR).isEmpty());
        assertTrue(Claims.autoAttackCells(quick, Setting.RESNET_MNIST).isEmpty());
    }

    /** Sanity check 9's threshold: more than 5 points, a gap of exactly 5 in double (7 % − 2 %) is not beyond it. */
    @Test
    void autoAttackFarBelowPgdOnHandMadeNumbers() {
        assertFalse(Claims.farBelow(100 * (7 / 100.0), 100 * (2 / 100.0)));
        assertFalse(Claims.farBelow(100 * (28 / 500.0), 100 * (3 / 500.0)));
        assertTrue(Claims.farBelow(100 * (29 / 500.0), 100 * (3 / 500.0)));
        assertTrue(Claims.farBelow(96.8, 12));
        assertFalse(Claims.farBelow(40, 45));
        assertFalse(Claims.farBelow(Double.NaN, 0));
        assertFalse(Claims.farBelow(50, Double.NaN));
    }

    /**
     * Where AutoAttack attacks fewer images than PGD (quick: 100 of 500), PGD is read on those same
     * images from its per-image outcomes: 92 % on all 500 but 60 % on the first 100, against
     * AutoAttack's 50 %, overstated by 10 points, not 42; without outcomes there is no comparison.
     */
    @Test
    void pgdIsComparedWithAutoAttackOnAutoAttacksImages(@TempDir Path out) throws IOException {
        Cells cells = new Cells(Budget.QUICK);
        AttackCell pgd = cells.attack(
                Architecture.LENET5, DatasetName.MNIST, Method.SCE, Claims.boundedPgd(Budget.QUICK, DatasetName.MNIST));
        AttackCell aa =
                cells.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE, Cells.autoAttack(DatasetName.MNIST));
        boolean[] pgdRobust = new boolean[500];
        java.util.Arrays.fill(pgdRobust, 100, 500, true);
        java.util.Arrays.fill(pgdRobust, 0, 60, true);
        boolean[] aaRobust = new boolean[100];
        java.util.Arrays.fill(aaRobust, 0, 50, true);
        writeResult(out, pgd, pgdRobust);
        writeResult(out, aa, aaRobust);
        Results results = new Results(out, cells);
        assertEquals(92.0, results.robust(pgd), 1e-9);
        assertEquals(60.0, Claims.pgdOnAutoAttackImages(results, pgd, aa), 1e-9);
        List<String> overstated = Claims.overstated(results);
        assertEquals(1, overstated.size(), overstated.toString());
        assertTrue(
                overstated.get(0).startsWith("SCE on LeNet-5 on MNIST at L2 ≤ 1.0 by 10.0 points (PGD-50 [60.0]("),
                overstated.get(0));
        assertTrue(overstated.get(0).endsWith("on the first 100 test images)"), overstated.get(0));

        writeResult(out, pgd, null);
        assertTrue(Double.isNaN(Claims.pgdOnAutoAttackImages(new Results(out, cells), pgd, aa)));
    }

    /** Writes an attack cell's results.json with one row, its robust accuracy from the outcomes (or 92 % without). */
    private static void writeResult(Path out, AttackCell cell, boolean[] robust) throws IOException {
        int k = 0;
        if (robust != null) {
            for (boolean r : robust) {
                k += r ? 1 : 0;
            }
        }
        double accuracy = robust == null ? 0.92 : (double) k / cell.images();
        io.github.isce4j.eval.AttackRow row = io.github.isce4j.eval.AttackRow.builder()
                .setSpec(cell.plan().spec())
                .setEps(cell.plan().spec().radius())
                .setImages(cell.images())
                .setCleanAccuracy(1)
                .setRobustAccuracy(accuracy)
                .setSuccessRate(1 - accuracy)
                .optParts(List.of())
                .setSeconds(1)
                .setImagesPerSecond(1)
                .optRobustOutcomes(robust)
                .build();
        io.github.isce4j.eval.AttackReport.builder(
                        new io.github.isce4j.eval.RobustnessResult(cell.images(), 1, List.of(row)))
                .build()
                .write(cell.result(out).getParent());
    }

    /** The headline names the claims AutoAttack keeps and loses, and the operands of failed models. */
    @Test
    void headlineSaysWhichClaimsSurviveAutoAttack(@TempDir Path out) {
        Results results = new Results(out, new Cells(Budget.SMOKE));
        ClaimVerdict kept = claim("C1", Verdict.REPRODUCED, Verdict.REPRODUCED, "SCE");
        ClaimVerdict lost = claim("C2", Verdict.REPRODUCED, Verdict.NOT_REPRODUCED, "MMC ⚠");
        ClaimVerdict never = claim("C3", Verdict.NOT_REPRODUCED, Verdict.REPRODUCED, "MMC ⚠");
        String s = Report.strongest(results, List.of(kept, lost, never));
        assertTrue(
                s.contains("I-SCE paper variant: [C1](#c1) reproduced under AutoAttack too; "
                        + "[C2](#c2) not; I-SCE code variant: none."),
                s);
        assertTrue(s.contains("On no model of a PGD claim is AutoAttack far below PGD"), s);
        assertTrue(s.contains("failed a sanity check") && s.contains(": MMC (C2, C3)."), s);
        assertEquals("", Report.strongest(results, List.of()));
    }

    /** @return a claim judged under bounded PGD and AutoAttack in the paper variant, the rival named as given */
    private static ClaimVerdict claim(String id, Verdict bounded, Verdict autoAttack, String rival) {
        List<ClaimVerdict.Judgement> judgements = new java.util.ArrayList<>();
        for (ClaimVerdict.Column column : ClaimVerdict.Column.values()) {
            Verdict v = column == ClaimVerdict.Column.PAPER_VARIANT_BOUNDED
                    ? bounded
                    : column == ClaimVerdict.Column.PAPER_VARIANT_AUTOATTACK
                            ? autoAttack
                            : column == ClaimVerdict.Column.CODE_VARIANT_AUTOATTACK
                                    ? Verdict.NOT_REPRODUCED
                                    : Verdict.NOT_MEASURED;
            List<ClaimVerdict.Source> sources = v == Verdict.NOT_MEASURED
                    ? List.of()
                    : List.of(new ClaimVerdict.Source("I-SCE", 60, "a"), new ClaimVerdict.Source(rival, 50, "b"));
            judgements.add(new ClaimVerdict.Judgement(column, 10, null, "hand-made", sources, v, List.of()));
        }
        return new ClaimVerdict(id, new ClaimVerdict.Claim("1", "hand-made", "nowhere", 5), judgements);
    }

    private static void writeVerdicts(
            Path out, SanityCell cell, io.github.isce4j.eval.SanityCheck.Verdict verdict, String brief)
            throws IOException {
        var check = new io.github.isce4j.eval.SanityCheck(6, "CE finds what margin loss finds", verdict, "hand-made");
        Files.createDirectories(cell.dir(out));
        Files.writeString(
                cell.result(out),
                new com.google.gson.Gson()
                        .toJson(new SanityCell.Verdicts(
                                List.of(check), brief, verdict == io.github.isce4j.eval.SanityCheck.Verdict.FAILED)));
    }

    @Test
    void separationOfHandMadeEmbeddings() {
        // two classes, centres 4 apart, every point 1 from its centre
        float[][] h = {{0, 0, 1}, {0, 0, -1}, {4, 1, 0}, {4, -1, 0}};
        io.github.isce4j.eval.Embeddings e =
                new io.github.isce4j.eval.Embeddings(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1}, h);
        assertEquals(4.0, EmbeddingFigure.separation(e), 1e-12);
    }

    @Test
    void theoryFigureSurfaceHasTheKnownSigns() {
        // s = 1, m = 0 is plain softmax on the normalised logits: no change at all
        assertEquals(0, TheoryFigure.z(1, 0, 0.97, 8), 1e-15);
        double e = Math.exp(0.97 + 0.1);
        double plain = Math.exp(0.97);
        assertEquals(e / Math.pow(e + 8, 2) - plain / Math.pow(plain + 8, 2), TheoryFigure.z(1, 0.1, 0.97, 8), 1e-15);
        assertTrue(TheoryFigure.minimumOnPaperRange(0.97, 8) > 0, "the paper's range has z > 0");
        assertTrue(TheoryFigure.z(5, 0.5, 0.97, 8) < 0, "large s and m make z negative");
    }

    @Test
    void unknownRecipeIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new Reproduction(Budget.SMOKE, Path.of("x"), List.of("table4")));
        assertTrue(e.getMessage().contains("table1") && e.getMessage().contains("fig12"), e.getMessage());
    }

    /**
     * A reproduction holds its folder: a second one is refused naming the owner, and the one that
     * holds it first removes what killed atomic writes left in the folder, its cells and figures.
     */
    @Test
    void aHeldFolderIsRefusedAndLeftoversOfKilledWritesAreRemoved(@TempDir Path out) throws IOException {
        Reproduction reproduction = new Reproduction(Budget.SMOKE, out, List.of("fig3"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("lock"), ProcessHandle.current().pid() + " ?\n");
        RuntimeException held =
                assertThrows(RuntimeException.class, () -> reproduction.run(TestData.shared(), NOWHERE, c -> {}));
        assertTrue(
                held.getMessage()
                        .contains("in use by process " + ProcessHandle.current().pid()),
                held.getMessage());
        assertThrows(RuntimeException.class, reproduction::report);
        Files.writeString(out.resolve("lock"), "not a pid\n"); // a lock cut short by a kill: stale

        List<Path> leftovers = List.of(
                out.resolve(".timings.json123.tmp"),
                out.resolve("figures/.fig3.png9.tmp"),
                out.resolve("cells/.statistics-ab.json5.tmp"),
                out.resolve("cells/attack-cd/.results.json7.tmp"));
        for (Path p : leftovers) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "half");
        }
        Path kept = Files.writeString(out.resolve("cells/attack-cd/results.md"), "kept");
        assertThrows(
                IllegalStateException.class,
                () -> reproduction.run(TestData.shared(), NOWHERE, c -> {
                    throw new IllegalStateException("stop before the first cell");
                }));
        leftovers.forEach(p -> assertFalse(Files.exists(p), p + " is left over"));
        assertTrue(Files.exists(kept));
        assertFalse(Files.exists(out.resolve("lock")), "the lock is released");
    }

    /**
     * The smoke budget end to end: a run crashed in the middle keeps its finished cells, the next run
     * does only the rest, every recipe is in the report, every linked number is in the file it links
     * to, and a deleted cell is the only one that runs again.
     */
    @Test
    void smokeBudgetEndToEnd(@TempDir Path out) throws Exception {
        TestData.assumeShared(DatasetName.CIFAR10);
        Reproduction reproduction = new Reproduction(Budget.SMOKE, out, List.of());
        List<Cell> cells = reproduction.cells();
        int crashAt = cells.size() / 3;
        AtomicInteger started = new AtomicInteger();
        assertThrows(
                IllegalStateException.class,
                () -> reproduction.run(TestData.shared(), NOWHERE, c -> {
                    if (started.incrementAndGet() == crashAt) {
                        throw new IllegalStateException("simulated crash");
                    }
                }));
        long doneBefore = cells.stream().filter(c -> c.done(out)).count();
        assertEquals(crashAt - 1, doneBefore);
        Map<Path, FileTime> finished = times(out, cells);

        AtomicInteger second = new AtomicInteger();
        Path report = reproduction.run(TestData.shared(), NOWHERE, c -> second.incrementAndGet());
        assertEquals(cells.size() - doneBefore, second.get(), "the second run does only the cells not done");
        finished.forEach((file, time) -> assertEquals(time, mtime(file), file + " was recomputed"));
        assertTrue(cells.stream().allMatch(c -> c.done(out)));

        String md = Files.readString(report);
        for (Recipe recipe : Recipes.ALL) {
            assertTrue(md.contains("## " + recipe.title()), recipe.id() + " is missing from the report");
        }
        assertFalse(md.contains("not measured in this run"), "a finished run has measured every plot and figure");
        checkLinks(out, md);
        checkSections(md);
        checkIntervals(out, md);
        checkAutoAttack(out, md);
        assertTrue(Files.size(out.resolve("index.html")) > 10_000);
        long figures = Pattern.compile("!\\[").matcher(md).results().count();
        assertTrue(figures >= 20, figures + " figures");
        if (HeadlessChromium.present()) {
            HeadlessChromium.Opened page = HeadlessChromium.open(out.resolve("index.html"), out);
            assertEquals("true", page.body().get("data-checked"));
            assertEquals(
                    String.valueOf(figures),
                    page.body().get("data-images-loaded"),
                    page.body().toString());
            assertEquals("0", page.body().get("data-errors"), page.body().toString());
            assertTrue(page.console().isEmpty(), page.console().toString());
        }

        AttackCell victim = (AttackCell) cells.stream()
                .filter(c -> c instanceof AttackCell)
                .skip(5)
                .findFirst()
                .orElseThrow();
        Files.delete(victim.result(out));
        Map<Path, FileTime> before = times(out, cells);
        List<CellRunner.PendingCell> rerun = new java.util.ArrayList<>();
        reproduction.run(TestData.shared(), NOWHERE, rerun::add);
        assertEquals(
                List.of(victim.key()),
                rerun.stream().map(CellRunner.PendingCell::key).toList());
        before.forEach((file, time) -> assertEquals(time, mtime(file), file + " was recomputed"));

        // result files of an isce4j without per-image outcomes: accuracies keep their exact intervals,
        // differences have none and say so, verdicts are the point estimates'
        for (Cell c : cells) {
            if (c instanceof AttackCell a) {
                Path file = a.result(out);
                JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
                json.remove("clean_images");
                json.getAsJsonArray("rows").forEach(r -> r.getAsJsonObject().remove("robustImages"));
                Files.writeString(file, json.toString());
            }
        }
        String old = Files.readString(reproduction.report());
        assertTrue(ACCURACY_WITH_INTERVAL.matcher(old).find());
        assertFalse(DIFFERENCE_WITH_INTERVAL.matcher(old).find());
        assertTrue(old.contains("(no interval: a result file predates per-image outcomes)"));
        assertTrue(old.contains("on the point estimate"));
        JsonObject verdicts = JsonParser.parseString(Files.readString(out.resolve(VerdictsFile.NAME)))
                .getAsJsonObject();
        assertTrue(measuredJudgements(verdicts).stream()
                .allMatch(j -> j.get("interval").isJsonNull()));
    }

    /** An accuracy linked to its results.md, then its Clopper-Pearson interval. */
    private static final Pattern ACCURACY_WITH_INTERVAL =
            Pattern.compile("\\[(\\d+\\.\\d)\\]\\(cells/[^)]+/results\\.md\\) \\[(\\d+\\.\\d), (\\d+\\.\\d)\\]");
    /** A measured difference in the claims table, then its bootstrap interval and verdict. */
    private static final Pattern DIFFERENCE_WITH_INTERVAL =
            Pattern.compile("([+-]\\d+\\.\\d) \\[([+-]\\d+\\.\\d), ([+-]\\d+\\.\\d)\\] "
                    + "(reproduced|partly|not reproduced|inconclusive|not tested at this budget)");

    /**
     * Every linked accuracy of the report has its interval around it; every measured difference of
     * the claims table has one, around it unless a best rival or a median moves under resampling;
     * verdicts.json holds them; the headline counts inconclusive claims.
     */
    private static void checkIntervals(Path out, String md) throws IOException {
        Matcher a = ACCURACY_WITH_INTERVAL.matcher(md);
        int accuracies = 0;
        while (a.find()) {
            double value = Double.parseDouble(a.group(1));
            double low = Double.parseDouble(a.group(2));
            double high = Double.parseDouble(a.group(3));
            assertTrue(low <= value && value <= high && high - low > 0.5, a.group());
            accuracies++;
        }
        assertTrue(accuracies > 500, accuracies + " accuracies with intervals");
        Matcher d = DIFFERENCE_WITH_INTERVAL.matcher(md);
        int differences = 0;
        while (d.find()) {
            assertTrue(Double.parseDouble(d.group(2)) <= Double.parseDouble(d.group(3)), d.group());
            differences++;
        }
        long measured = md.lines()
                .filter(l -> l.matches("\\| <a id=\"c\\d+\"></a>C\\d+ \\|.*"))
                .mapToLong(l -> Pattern.compile("[+-]\\d+\\.\\d [\\[(]")
                        .matcher(l)
                        .results()
                        .count())
                .sum();
        assertEquals(measured, differences, "every measured difference has an interval");
        assertTrue(md.contains(" inconclusive"), "the headline counts inconclusive claims");
        JsonObject verdicts = JsonParser.parseString(Files.readString(out.resolve(VerdictsFile.NAME)))
                .getAsJsonObject();
        assertEquals("isce4j-verdicts/2", verdicts.get("format").getAsString());
        JsonObject first = measuredJudgements(verdicts).get(0);
        JsonObject interval = first.getAsJsonObject("interval");
        assertTrue(interval.get("low").getAsDouble() <= interval.get("high").getAsDouble(), first.toString());
    }

    /** @return the judgements of verdicts.json with a measured difference */
    private static List<JsonObject> measuredJudgements(JsonObject verdicts) {
        List<JsonObject> measured = new java.util.ArrayList<>();
        for (JsonElement claim : verdicts.getAsJsonArray("claims")) {
            for (JsonElement j : claim.getAsJsonObject().getAsJsonArray("judgements")) {
                if (!j.getAsJsonObject().get("measured").isJsonNull()) {
                    measured.add(j.getAsJsonObject());
                }
            }
        }
        assertFalse(measured.isEmpty(), "no measured claim");
        return measured;
    }

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)]+)\\)");

    /**
     * Every link and image resolves (an anchor to a heading of the report); every number linked to an
     * attack result is one of that file's accuracies, or with three decimals one of its median L2 norms.
     */
    private static void checkLinks(Path out, String md) throws IOException {
        Matcher m = LINK.matcher(md);
        int numbers = 0;
        while (m.find()) {
            if (m.group(2).startsWith("#")) {
                // a claim's row in the claims table
                assertTrue(m.group(2).matches("#c\\d+"), m.group(2));
                assertTrue(md.contains("| <a id=\"" + m.group(2).substring(1) + "\"></a>C"), m.group(2));
                continue;
            }
            Path target = out.resolve(m.group(2));
            assertTrue(Files.isRegularFile(target), "broken link " + m.group(2));
            if (m.group(2).endsWith("results.md") && m.group(1).matches("-?\\d+\\.\\d(\\d\\d)?")) {
                List<String> values =
                        values(target.resolveSibling("results.json"), m.group(1).length() > 4);
                assertTrue(values.contains(m.group(1)), m.group(1) + " is not in " + m.group(2) + ": " + values);
                numbers++;
            }
        }
        assertTrue(numbers > 500, "only " + numbers + " linked numbers");
    }

    /** @return the file's clean and robust accuracies in percent with one decimal, or its median L2 norms with three */
    private static List<String> values(Path resultsJson, boolean medianL2) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(resultsJson)).getAsJsonObject();
        List<String> values = new java.util.ArrayList<>(List.of(percent(json.get("clean_accuracy"))));
        for (JsonElement row : json.getAsJsonArray("rows")) {
            JsonObject r = row.getAsJsonObject();
            values.add(
                    medianL2
                            ? String.format(
                                    Locale.ROOT, "%.3f", r.get("medianL2").getAsDouble())
                            : percent(r.get("robustAccuracy")));
        }
        return values;
    }

    /**
     * Under every heading the budget's reductions that affect it; the sanity verdicts of the checked
     * models a section measures; a threat model in every caption of an attack; a computed comparison
     * with the paper under every figure; every measured difference of the claims table linked.
     */
    private static void checkSections(String md) {
        for (Recipe recipe : Recipes.ALL) {
            String section = section(md, recipe.title());
            assertTrue(
                    section.startsWith("*Budget smoke reduces here:* "),
                    recipe.id() + ": " + section.lines().findFirst());
            if (!List.of("fig3", "fig9", "sanity", "seeds").contains(recipe.id())) {
                assertTrue(section.contains("Threat model: "), recipe.id() + " names no threat model");
            }
            if (recipe.id().startsWith("fig") && !recipe.id().equals("fig3")) {
                assertTrue(
                        section.contains("*Against the paper:* "), recipe.id() + " has no comparison with the paper");
                assertFalse(section.contains("*Against the paper:* not measured"), recipe.id());
            }
        }
        // the smoke budget sanity-checks the LeNet-5 models: Fig. 10 shows their verdicts, linked
        // a referee's first screen: five lines above everything else but the title
        String top = md.substring(0, md.indexOf("\n## "));
        for (String line : List.of("Hold", "Hold partly", "Do not hold", "Inconclusive", "Not tested at this budget")) {
            assertTrue(top.contains("\n- **" + line), line + " is missing from the first screen:\n" + top);
        }
        // the smoke budget trains LeNet-5's I-SCE with two seeds: the claims resting on it get a spread
        String seeds = section(md, "Spread over training seeds");
        assertTrue(seeds.contains("| seed 0 | seed 1 | spread (max − min) |"), seeds);
        assertTrue(seeds.lines().anyMatch(l -> l.startsWith("| C")), seeds);
        String fig10 = section(md, Recipes.select(List.of("fig10")).get(0).title());
        assertTrue(fig10.contains("*Sanity checks of the models it measures:* LeNet-5 on MNIST: SCE ["), fig10);
        assertTrue(fig10.contains(", MMC ["), "the rivals are sanity-checked too: " + fig10);
        // AutoAttack beside PGD on the models of the PGD claims, in the figure and in the claims
        assertTrue(fig10.contains("**AutoAttack** (standard"), fig10);
        assertTrue(md.contains("| AutoAttack: paper variant | code variant |"), "no AutoAttack column in the claims");
        assertTrue(md.contains("**Under the strongest attack**"), "the headline says nothing of AutoAttack");
        long claims = md.lines()
                .filter(l -> l.matches("\\| <a id=\"c\\d+\"></a>C\\d+ \\|.*"))
                .peek(row -> {
                    List<String> cells = List.of(row.split(" \\| "));
                    for (String measured : cells.subList(cells.size() - 6, cells.size())) {
                        String value = measured.replace(" |", "").strip();
                        assertTrue(
                                value.equals("—") || value.contains("](cells/"),
                                "unlinked measurement " + value + " in " + row);
                    }
                })
                .count();
        assertTrue(claims >= 15, claims + " claims");
    }

    /**
     * The PGD claims (C1 … C8 and 5b) are measured under AutoAttack in both I-SCE variants: linked in
     * the claims table's last two columns, and not null in verdicts.json.
     */
    private static void checkAutoAttack(Path out, String md) throws IOException {
        long linked = md.lines()
                .filter(l -> l.matches("\\| <a id=\"c\\d+\"></a>C\\d+ \\|.*"))
                .map(row -> List.of(row.split(" \\| ")))
                .filter(cells -> cells.subList(cells.size() - 2, cells.size()).stream()
                        .allMatch(c -> c.contains("](cells/attack-")))
                .count();
        // the smoke budget measures the PGD claims with AutoAttack on LeNet-5 only (Square's queries cost minutes on
        // ResNet-32)
        long lenet = java.util.stream.Stream.concat(Paper.CLAIM1.stream(), Paper.CLAIM2.stream())
                .filter(l -> Budget.SMOKE
                        .settings()
                        .autoAttack()
                        .networks()
                        .contains(l.setting().network()))
                .count();
        assertEquals(2, lenet);
        assertEquals(lenet, linked, "claims measured under AutoAttack");
        JsonObject verdicts = JsonParser.parseString(Files.readString(out.resolve(VerdictsFile.NAME)))
                .getAsJsonObject();
        long measured = 0;
        for (JsonElement claim : verdicts.getAsJsonArray("claims")) {
            for (JsonElement j : claim.getAsJsonObject().getAsJsonArray("judgements")) {
                String column = j.getAsJsonObject().get("column").getAsString();
                if (column.endsWith("_AUTOATTACK")
                        && !j.getAsJsonObject().get("measured").isJsonNull()) {
                    measured++;
                }
            }
        }
        assertEquals(2 * linked, measured, "AutoAttack judgements in verdicts.json");
    }

    private static String section(String md, String title) {
        int start = md.indexOf("\n## " + title + "\n\n");
        assertTrue(start >= 0, title + " is missing from the report");
        String rest = md.substring(start + title.length() + 6);
        int end = rest.indexOf("\n## ");
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static String percent(JsonElement fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction.getAsDouble());
    }

    private static Map<Path, FileTime> times(Path out, List<Cell> cells) {
        Map<Path, FileTime> times = new HashMap<>();
        cells.stream().filter(c -> c.done(out)).forEach(c -> times.put(c.result(out), mtime(c.result(out))));
        return times;
    }

    private static FileTime mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
