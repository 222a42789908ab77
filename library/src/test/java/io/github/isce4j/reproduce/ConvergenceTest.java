package io.github.isce4j.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.reproduce.ClaimVerdict.Column;
import io.github.isce4j.reproduce.ClaimVerdict.Judgement;
import io.github.isce4j.train.EpochMetrics;
import io.github.isce4j.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convergence gate on hand-made clean accuracies: bars, not-tested verdicts, headline counts, marks. */
class ConvergenceTest {

    private static final AttackPlan PLAN = AttackPlan.of(Cells.paperPgd(0.02, 50, TargetChoice.NONE));

    /** Writes a finished run whose last epoch has this clean test accuracy, percent. */
    private static void trained(Path out, TrainingCell model, double clean) throws IOException {
        Path dir = model.dir(out);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model.params"), "");
        Files.deleteIfExists(dir.resolve("config.json")); // a second call rewrites the run
        RunDirectory run = RunDirectory.create(dir);
        run.writeConfig(model.config(), new JsonObject());
        run.writeMetrics(List.of(
                new EpochMetrics(1, 2.0, 0.2, 0.1, 100, 1, 1, null, null),
                new EpochMetrics(2, 1.0, 0.5, clean / 100, 100, 1, 1, null, null)));
    }

    @Test
    void barsAreThePapersCleanAccuracyMinusTheTolerance() {
        Cells cells = new Cells(Budget.QUICK);
        Convergence.Bar isce = Convergence.bar(cells.model(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE)
                .config());
        assertEquals(99.57 - 5, isce.value(), 1e-9);
        assertEquals("Table 1's", isce.source());
        assertEquals(
                83.48 - 5,
                Convergence.bar(cells.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.AT)
                                .config())
                        .value(),
                1e-9);
        assertEquals(
                89.27 - 5,
                Convergence.bar(cells.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.CENTER)
                                .config())
                        .value(),
                1e-9);
        Convergence.Bar lgm = Convergence.bar(cells.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.LGM)
                .config());
        assertEquals(90.17 - 5, lgm.value(), 1e-9);
        assertEquals("Table 3's SCE", lgm.source());
        assertEquals(
                99.0 - 5,
                Convergence.bar(cells.model(Architecture.LENET5, DatasetName.MNIST, Method.ISCE_CODE)
                                .config())
                        .value(),
                1e-9);
        assertEquals(
                80.0 - 5,
                Convergence.bar(cells.model(Architecture.CNN8, DatasetName.CIFAR10, Method.MMC)
                                .config())
                        .value(),
                1e-9);
        assertEquals(
                83.48 - 20,
                Convergence.bar(cells.adversarial(Architecture.RESNET32, DatasetName.CIFAR10, 0.08)
                                .config())
                        .value(),
                1e-9,
                "Fig. 7's other sizes only have to have learned");
    }

    @Test
    void aModelBelowItsBarLeavesItsClaimsUntestedAndOutOfTheHeadlineCounts(@TempDir Path out) throws IOException {
        Cells cells = new Cells(Budget.QUICK);
        Results r = new Results(out, cells);
        AttackCell isce = cells.attack(Architecture.RESNET32, DatasetName.MNIST, Method.ISCE, PLAN);
        AttackCell sce = cells.attack(Architecture.RESNET32, DatasetName.MNIST, Method.SCE, PLAN);
        AttackCell lenetIsce = cells.attack(Architecture.LENET5, DatasetName.MNIST, Method.ISCE, PLAN);
        AttackCell lenetSce = cells.attack(Architecture.LENET5, DatasetName.MNIST, Method.SCE, PLAN);
        trained(out, isce.model(), 99.2);
        trained(out, sce.model(), 45.0); // the bar is Table 3's 99.33 − 5 = 94.33
        trained(out, lenetIsce.model(), 98.9);
        trained(out, lenetSce.model(), 99.1);

        Claims.Gap deep = Claims.Gap.of(new Operand("I-SCE", 70, isce), new Operand("SCE", 5, sce), r, "");
        Judgement untested =
                Claims.judge(r, Column.PAPER_VARIANT_PAPER_PROTOCOL, deep, null, Verdict.ofClaim(65, 63.13));
        assertEquals(Verdict.NOT_TESTED, untested.verdict());
        assertEquals("not tested at this budget", untested.verdict().word());
        assertEquals(1, untested.belowBar().size());
        Convergence.Shortfall why = untested.belowBar().get(0);
        assertEquals("ResNet-32 MNIST SCE", why.model());
        assertEquals(45.0, why.clean(), 1e-9);
        assertEquals(94.33, why.bar().value(), 1e-9);
        assertEquals("ResNet-32 MNIST SCE: clean 45.0 % < bar 94.3 % (Table 3's 99.33 − 5)", why.reason());

        Claims.Gap shallow = Claims.Gap.of(new Operand("I-SCE", 90, lenetIsce), new Operand("SCE", 1, lenetSce), r, "");
        Judgement tested = Claims.judge(r, Column.PAPER_VARIANT_PAPER_PROTOCOL, shallow, null, Verdict.ofClaim(89, 48));
        assertEquals(Verdict.REPRODUCED, tested.verdict());
        assertTrue(tested.belowBar().isEmpty());

        String headline = Report.headline(Budget.QUICK, List.of(claim("C1", untested), claim("C2", tested)));
        assertTrue(
                headline.contains("**paper protocol, I-SCE paper variant**: of 1 tested claims, 1 reproduced ([C2]("),
                headline);
        assertTrue(headline.contains("; 1 not tested at this budget ([C1]("), headline);
        assertTrue(headline.contains(why.reason()), headline);

        // Once the model is above its bar, the verdict of the rule stands.
        trained(out, sce.model(), 99.0);
        assertEquals(
                Verdict.REPRODUCED,
                Claims.judge(r, Column.PAPER_VARIANT_PAPER_PROTOCOL, deep, null, Verdict.ofClaim(65, 63.13))
                        .verdict());
    }

    @Test
    void tablesMarkAModelBelowItsBar(@TempDir Path out) throws IOException {
        Cells cells = new Cells(Budget.QUICK);
        Results r = new Results(out, cells);
        String label = Method.LGM.label();
        assertEquals(label, Sections.method(r, Architecture.RESNET32, DatasetName.CIFAR10, Method.LGM));
        trained(out, cells.model(Architecture.RESNET32, DatasetName.CIFAR10, Method.LGM), 31.0);
        assertEquals(label + " ‡", Sections.method(r, Architecture.RESNET32, DatasetName.CIFAR10, Method.LGM));
        assertTrue(Sections.MARKS.contains("‡ its clean accuracy is below its convergence bar"));
    }

    private static ClaimVerdict claim(String id, Judgement first) {
        List<Judgement> judgements = new ArrayList<>(List.of(first));
        for (Column c : Column.values()) {
            if (c != first.column()) {
                judgements.add(new Judgement(c, Double.NaN, null, "", List.of(), Verdict.NOT_MEASURED, List.of()));
            }
        }
        return new ClaimVerdict(id, new ClaimVerdict.Claim("1", "hand-made", "nowhere", 50), judgements);
    }
}
