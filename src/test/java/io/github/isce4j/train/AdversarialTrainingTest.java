package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** PGD adversarial training buys robustness at its own radius, and its settings survive a round trip. */
class AdversarialTrainingTest {

    private static final AdversarialTraining AT = new AdversarialTraining(Norm.LINF, 0.1, 3, 0.04, false);

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
        assertThat(AdversarialTraining.preset("madry-mnist")).isEqualTo(AdversarialTraining.MADRY_MNIST);
    }

    private static TrainingConfig config(AdversarialTraining at) {
        return new TrainingConfig(DatasetName.MNIST, Architecture.LENET5, SceConfig.DEFAULT, 0, 1, 64, 1e-3f, 0, 12_000, at);
    }

    private static Path train(Path dir, AdversarialTraining at, DataLocator data) throws Exception {
        TrainingRun.start(config(at), dir, data, new PrintStream(new ByteArrayOutputStream()));
        return dir;
    }

    private static double robustAccuracy(Path run, DataLocator data) {
        try (NetworkClassifier model = Checkpoint.loadTrained(RunDirectory.open(run));
                NDManager m = NDManager.newBaseManager()) {
            ImageSet test = data.load(DatasetName.MNIST, Split.TEST).first(300);
            RobustnessEvaluation evaluation = new RobustnessEvaluation(model, test.images(m), test.labelArray(m), 300, 0);
            assertThat(evaluation.cleanAccuracy()).as("clean accuracy").isGreaterThan(0.5);
            return evaluation.run(AttackPlan.of(PgdSpec.linf(0.1).losses(AttackLoss.CE).build())).rows().get(0)
                    .robustAccuracy();
        }
    }
}
