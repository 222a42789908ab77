package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.AttackRow;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.QuickLeNet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sanity checks of docs/method.md §7 on a real model, a LeNet-5 trained with SCE on 12,000 MNIST images:
 * accuracy falls with eps and with steps, an unbounded attack leaves almost nothing, single-step
 * FGSM never beats PGD, and DeepFool fools every image.
 */
class TrainedLeNetAttackTest {

    private static final List<AttackLoss> CE = List.of(AttackLoss.CE);

    @TempDir
    static Path tmp;

    private static NetworkClassifier model;
    private static NDManager manager;
    private static RobustnessEvaluation evaluation;

    @BeforeAll
    static void train() throws Exception {
        DataLocator data = new DataLocator((Path) null);
        model = QuickLeNet.train(tmp.resolve("run"), 12_000);
        manager = NDManager.newBaseManager();
        ImageSet test = data.load(DatasetName.MNIST, Split.TEST).first(200);
        evaluation = new RobustnessEvaluation(model, test.images(manager), test.labelArray(manager), 100, 0);
        assertThat(evaluation.cleanAccuracy()).isGreaterThan(0.9);
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    @Test
    void accuracyFallsWithEpsAndWithSteps() {
        double[] eps = {0.5, 1, 1.5, 2};
        double previous = evaluation.cleanAccuracy();
        for (double e : eps) {
            List<AttackRow> rows =
                    evaluation.run(List.of(pgd(e, 10), pgd(e, 40))).rows();
            assertThat(rows.get(0).robustAccuracy()).as("eps %s, 10 steps", e).isLessThanOrEqualTo(previous);
            assertThat(rows.get(1).robustAccuracy())
                    .as("eps %s, 40 vs 10 steps", e)
                    .isLessThanOrEqualTo(rows.get(0).robustAccuracy());
            previous = rows.get(0).robustAccuracy();
        }
        assertThat(previous).as("eps 2 should hurt a plain SCE model").isLessThan(0.5);
    }

    @Test
    void unboundedPgdLeavesAtMostOnePercent() {
        AttackRow row = evaluation.run(List.of(pgd(10, 50))).rows().get(0);
        assertThat(row.robustAccuracy()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void fgsmNeverBeatsPgd() {
        for (double e : new double[] {0.5, 1, 2}) {
            List<AttackRow> rows = evaluation
                    .run(AttackPlan.of(new FgsmSpec(Norm.L2, e, CE)), pgd(e, 10))
                    .rows();
            assertThat(rows.get(1).robustAccuracy())
                    .as("eps %s", e)
                    .isLessThanOrEqualTo(rows.get(0).robustAccuracy());
        }
        AttackRow linfFgsm = evaluation
                .run(AttackPlan.of(new FgsmSpec(Norm.LINF, 0.1, CE)))
                .rows()
                .get(0);
        AttackRow linfPgd = evaluation
                .run(AttackPlan.of(PgdSpec.linf(0.1).losses(CE).build()))
                .rows()
                .get(0);
        assertThat(linfPgd.robustAccuracy()).isLessThanOrEqualTo(linfFgsm.robustAccuracy());
    }

    @Test
    void deepFoolFoolsEveryImageAndBudgetsOrderTheRows() {
        List<AttackRow> rows = evaluation
                .run(AttackPlan.judgedAt(new DeepFoolSpec(), List.of(0.5, 1.0, 2.0), Norm.L2))
                .rows();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).robustAccuracy()).as("unbounded DeepFool").isEqualTo(0.0);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).robustAccuracy())
                    .isLessThanOrEqualTo(rows.get(i - 1).robustAccuracy());
        }
        // A minimal perturbation: a good deal smaller than what a 2-radius PGD attack spends.
        assertThat(rows.get(3).medianL2()).isBetween(0.2, 2.0);
    }

    @Test
    void targetedPgdReachesItsTargetWhenUnbounded() {
        AttackRow row = evaluation
                .run(AttackPlan.of(PgdSpec.l2(10)
                        .steps(50)
                        .target(TargetChoice.LEAST_LIKELY)
                        .losses(CE)
                        .build()))
                .rows()
                .get(0);
        assertThat(row.targetSuccessRate()).isGreaterThanOrEqualTo(0.99);
    }

    private static AttackPlan pgd(double eps, int steps) {
        return AttackPlan.of(PgdSpec.l2(eps).steps(steps).losses(CE).build());
    }
}
