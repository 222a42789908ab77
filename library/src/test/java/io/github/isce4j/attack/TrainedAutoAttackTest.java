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
import io.github.isce4j.eval.RobustnessResult;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.QuickLeNet;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AutoAttack on a real model, a LeNet-5 trained with SCE on 12,000 MNIST images, attacked on the
 * first 60 test images: the standard version in L∞ is at least as strong as PGD (CE and margin,
 * 10 steps) at the same radius, each stage of either version leaves the accuracy where it was or
 * lower, and the row's accuracy is the one after the last stage. (The L2 form is checked against
 * exact answers in {@link ApgdKnownAnswerTest}; on this model it costs twice the L∞ run.)
 */
class TrainedAutoAttackTest {

    private static final int IMAGES = 60;

    @TempDir
    static Path tmp;

    private static NetworkClassifier model;
    private static NDManager manager;
    private static RobustnessEvaluation evaluation;

    @BeforeAll
    static void train() throws Exception {
        model = QuickLeNet.train(tmp.resolve("run"), 12_000);
        manager = NDManager.newBaseManager();
        ImageSet test =
                new DataLocator((Path) null).load(DatasetName.MNIST, Split.TEST).first(IMAGES);
        evaluation = new RobustnessEvaluation(model, test.images(manager), test.labelArray(manager), 100, 0);
        assertThat(evaluation.cleanAccuracy()).isGreaterThan(0.9);
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    @Test
    void autoAttackLinfIsNoWeakerThanPgdAndNoStageRaisesAccuracy() {
        check(AutoAttackSpec.standard(Norm.LINF, 0.1), PgdSpec.linf(0.1).build());
    }

    @Test
    void theRandVersionOnADeterministicModelIsApgdCeThenApgdDlr() {
        AutoAttackSpec rand = AutoAttackSpec.rand(Norm.L2, 1.0);
        AttackRow row = evaluation.run(AttackPlan.of(rand)).row(rand);
        assertThat(row.parts()).extracting(p -> p.spec().partName()).containsExactly("apgd-ce", "apgd-dlr");
        assertNonIncreasing(row);
        assertThat(row.attack()).isEqualTo("autoattack-rand-l2 eps=1.0");
    }

    private static void check(AutoAttackSpec autoAttack, PgdSpec pgd) {
        RobustnessResult result = evaluation.run(AttackPlan.of(autoAttack), AttackPlan.of(pgd));
        AttackRow aa = result.row(autoAttack);
        double pgdAccuracy = result.robustAccuracy(pgd);
        assertThat(pgdAccuracy).as("the radius must leave something to break").isLessThan(evaluation.cleanAccuracy());
        assertThat(aa.robustAccuracy()).as("AutoAttack vs PGD").isLessThanOrEqualTo(pgdAccuracy);
        assertNonIncreasing(aa);
        assertThat(aa.parts()).extracting(p -> p.spec()).isEqualTo(autoAttack.stages());
    }

    private static void assertNonIncreasing(AttackRow row) {
        double previous = row.cleanAccuracy();
        int broken = 0;
        for (AttackRow.PartAccuracy part : row.parts()) {
            assertThat(part.afterAccuracy()).as("after %s", part.attack()).isLessThanOrEqualTo(previous);
            assertThat(part.afterAccuracy())
                    .isEqualTo(
                            row.cleanAccuracy() - (broken + part.broke().size()) / (double) IMAGES,
                            org.assertj.core.api.Assertions.within(1e-9));
            broken += part.broke().size();
            previous = part.afterAccuracy();
        }
        assertThat(row.robustAccuracy()).isEqualTo(previous);
    }
}
