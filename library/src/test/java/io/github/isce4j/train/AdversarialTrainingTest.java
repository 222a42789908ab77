package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PGD adversarial training buys robustness at its own radius, and its settings survive a round trip. */
class AdversarialTrainingTest {

    private static final AdversarialTraining AT =
            AdversarialTraining.pgd(Norm.LINF, 0.1).steps(3).stepSize(0.04).build();

    @Test
    void oneEpochOfAdversarialTrainingIsMoreRobustThanCleanTraining(@TempDir Path tmp) throws Exception {
        DataLocator data = new DataLocator((Path) null);
        double clean = robustAccuracy(train(tmp.resolve("clean"), null, data), data);
        double adversarial = robustAccuracy(train(tmp.resolve("at"), AT, data), data);
        assertThat(adversarial).as("PGD-AT vs clean training at L-inf 0.1").isGreaterThan(clean + 0.1);
    }

    @Test
    void configJsonRecordsTheAdversarialTraining(@TempDir Path tmp) throws Exception {
        TrainingConfig config = config(AT);
        RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
        dir.writeConfig(config, new com.google.gson.JsonObject());
        assertThat(RunDirectory.open(tmp.resolve("run")).readConfig()).isEqualTo(config);
    }

    @Test
    void presetsAreThePublishedSettings() {
        // Madry et al. 2018, MNIST: L-inf eps 0.3, 40 steps of 0.01, random start.
        PgdSpec madry = AdversarialTraining.preset("madry-mnist").pgd();
        assertThat(madry.norm()).isEqualTo(Norm.LINF);
        assertThat(madry.eps()).isEqualTo(0.3);
        assertThat(madry.steps()).isEqualTo(40);
        assertThat(madry.stepSize()).isEqualTo(0.01);
        assertThat(madry.randomStart()).isTrue();
        // The paper's script (docs/method.md §2.7, §3.4): 10 sign steps of eps/2 = 0.01 for its eps = 0.02, no
        // random start; radius 0.1 = 10 · 0.01, so the projection never binds.
        PgdSpec paper = AdversarialTraining.preset("PAPER").pgd();
        assertThat(paper.norm()).isEqualTo(Norm.LINF);
        assertThat(paper.steps()).isEqualTo(10);
        assertThat(paper.stepSize()).isEqualTo(0.01);
        assertThat(paper.eps()).isEqualTo(paper.steps() * paper.stepSize(), within(1e-12));
        assertThat(paper.randomStart()).isFalse();
    }

    /** The CLI reports these under --at-eps, --at-steps and --at-step-size. */
    @Test
    void aRefusedSettingNamesItself() {
        assertThatThrownBy(() -> AdversarialTraining.pgd(Norm.LINF, 0).build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("eps must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> AdversarialTraining.pgd(Norm.LINF, -1).build())
                .hasMessage("eps must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> AdversarialTraining.pgd(Norm.LINF, 0.1)
                        .steps(0)
                        .stepSize(0.01)
                        .build())
                .hasMessage("steps must be >= 1, got 0");
        assertThatThrownBy(() ->
                        AdversarialTraining.pgd(Norm.LINF, 0.1).stepSize(-1).build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("step_size must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> new AdversarialTraining(PgdSpec.linf(0.1).build()))
                .hasMessageContaining("untargeted PGD on ce with one start");
        assertThat(AT.toBuilder().build()).isEqualTo(AT);
    }

    private static TrainingConfig config(AdversarialTraining at) {
        return TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(SceConfig.DEFAULT)
                .optEpochs(1)
                .optBatchSize(64)
                .optTrainLimit(12_000)
                .optAdversarial(at)
                .build();
    }

    private static Path train(Path dir, AdversarialTraining at, DataLocator data) throws Exception {
        TrainingRun.start(config(at), dir, data, new PrintStream(new ByteArrayOutputStream()));
        return dir;
    }

    private static double robustAccuracy(Path run, DataLocator data) {
        try (NetworkClassifier model = Checkpoint.loadTrained(RunDirectory.open(run));
                NDManager m = NDManager.newBaseManager()) {
            ImageSet test = data.load(DatasetName.MNIST, Split.TEST).first(300);
            RobustnessEvaluation evaluation =
                    new RobustnessEvaluation(model, test.images(m), test.labelArray(m), 300, 0);
            assertThat(evaluation.cleanAccuracy()).as("clean accuracy").isGreaterThan(0.5);
            return evaluation
                    .run(AttackPlan.of(PgdSpec.linf(0.1).losses(AttackLoss.CE).build()))
                    .rows()
                    .get(0)
                    .robustAccuracy();
        }
    }
}
