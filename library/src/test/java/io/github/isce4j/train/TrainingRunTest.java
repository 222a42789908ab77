package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a real MNIST subset: learning, determinism, atomic checkpoints, exact resume. */
class TrainingRunTest {

    private static final DataLocator DATA = new DataLocator((Path) null);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static TrainingConfig config(int epochs, int seed) {
        return TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(IsceConfig.DEFAULT)
                .optEpochs(epochs)
                .optSeed(seed)
                .optTrainLimit(6_000)
                .build();
    }

    private static List<List<Double>> numbers(TrainingResult r) {
        return r.epochs().stream()
                .map(e -> List.of(e.trainLoss(), e.trainAccuracy(), e.testAccuracy()))
                .toList();
    }

    @Test
    void learnsAndWritesACompleteRunDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        TrainingResult r = TrainingRun.start(config(2, 0), dir, DATA, QUIET);

        assertThat(r.epochs()).hasSize(2);
        assertThat(r.testAccuracy())
                .as("LeNet-5 after 2 epochs on 6,000 MNIST images")
                .isGreaterThan(0.90);
        assertThat(r.epochs().get(1).trainLoss()).isLessThan(r.epochs().get(0).trainLoss());
        assertThat(dir.resolve("config.json")).exists();
        assertThat(dir.resolve("metrics.json")).exists();
        assertThat(dir.resolve("model.params")).exists();
        assertThat(dir.resolve("checkpoint/last.ckpt")).exists();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
        RunDirectory run = RunDirectory.open(dir);
        assertThat(run.readConfig()).isEqualTo(config(2, 0));
        assertThat(run.readMetrics()).isEqualTo(r.epochs());
        assertThat(run.readProvenance().get("train_data_sha256").getAsJsonArray())
                .isNotEmpty();
    }

    @Test
    void sameSeedGivesTheSameNumbersAndAnotherSeedDoesNot(@TempDir Path tmp) throws IOException {
        TrainingResult a = TrainingRun.start(config(1, 7), tmp.resolve("a"), DATA, QUIET);
        TrainingResult b = TrainingRun.start(config(1, 7), tmp.resolve("b"), DATA, QUIET);
        TrainingResult c = TrainingRun.start(config(1, 8), tmp.resolve("c"), DATA, QUIET);

        assertThat(numbers(b)).isEqualTo(numbers(a));
        assertThat(Files.readAllBytes(tmp.resolve("b/model.params")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/model.params")));
        assertThat(numbers(c)).isNotEqualTo(numbers(a));
    }

    @Test
    void resumedRunEqualsAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        TrainingResult whole = TrainingRun.start(config(2, 3), tmp.resolve("whole"), DATA, QUIET);

        // An interrupted run: one epoch done and checkpointed, config asking for two.
        Path cut = tmp.resolve("cut");
        TrainingRun.start(config(1, 3), cut, DATA, QUIET);
        RunDirectory dir = RunDirectory.open(cut);
        dir.writeConfig(config(2, 3), dir.readProvenance());
        Files.delete(dir.modelFile());

        TrainingResult resumed = TrainingRun.resume(cut, DATA, QUIET);

        assertThat(numbers(resumed)).isEqualTo(numbers(whole));
        assertThat(Files.readAllBytes(cut.resolve("model.params")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("whole/model.params")));
    }

    @Test
    void refusesToOverwriteARunAndExplainsResume(@TempDir Path tmp) throws IOException {
        TrainingRun.start(config(1, 0), tmp.resolve("run"), DATA, QUIET);
        assertThatThrownBy(() -> TrainingRun.start(config(1, 0), tmp.resolve("run"), DATA, QUIET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a run; resume it");
        assertThatThrownBy(() -> TrainingRun.resume(tmp.resolve("nothing"), DATA, QUIET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a run directory");
        assertThatThrownBy(() -> TrainingRun.ensure(config(2, 0), tmp.resolve("run"), DATA, QUIET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another configuration");
    }

    @Test
    void invalidHyperParametersNameTheSetting() {
        assertThatThrownBy(() -> config(0, 0))
                .isInstanceOf(InvalidSetting.class)
                .hasFieldOrPropertyWithValue("setting", "epochs")
                .hasMessage("epochs must be >= 1, got 0");
        assertThatThrownBy(() -> TrainingConfig.builder()
                        .setDataset(DatasetName.MNIST)
                        .setModel(Architecture.LENET5)
                        .setLoss(SceConfig.DEFAULT)
                        .optEpochs(1)
                        .optLearningRate(-1f)
                        .build())
                .isInstanceOf(InvalidSetting.class)
                .hasFieldOrPropertyWithValue("setting", "lr")
                .hasMessage("lr must be > 0, got -1.0");
        assertThatThrownBy(() -> TrainingConfig.builder()
                        .setDataset(DatasetName.MNIST)
                        .setLoss(SceConfig.DEFAULT)
                        .build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("model is required");
    }

    @Test
    void permutationIsAShuffleThatDependsOnSeedAndEpoch() {
        int[] p = TrainingRun.permutation(1000, 0, 1);
        assertThat(p).containsExactlyInAnyOrder(IntStream.range(0, 1000).toArray());
        assertThat(p).isEqualTo(TrainingRun.permutation(1000, 0, 1));
        assertThat(p).isNotEqualTo(TrainingRun.permutation(1000, 0, 2));
        assertThat(p).isNotEqualTo(TrainingRun.permutation(1000, 1, 1));
    }
}
