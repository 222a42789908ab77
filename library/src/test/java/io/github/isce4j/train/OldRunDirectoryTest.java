package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.ArcFaceConfig;
import io.github.isce4j.loss.CenterLossConfig;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.LabelSmoothingConfig;
import io.github.isce4j.loss.LgmConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.MmcConfig;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Run directories written before the typed loss configurations, whose config.json records the
 * settings of every loss, chosen or not. The files in {@code old-runs/} were written by
 * {@code isce train} at commit 5a3fd70 (one 12-field LossConfig record); the center and I-SCE
 * code runs keep their metrics.json too.
 */
class OldRunDirectoryTest {

    private static final DataLocator DATA = new DataLocator((Path) null);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static Stream<Arguments> oldRuns() {
        return Stream.of(
                Arguments.of("sce", SceConfig.DEFAULT),
                Arguments.of("isce", IsceConfig.DEFAULT),
                Arguments.of("isce-code", IsceConfig.code(2f, 0.3f)),
                Arguments.of("label-smoothing", new LabelSmoothingConfig(0.2f)),
                Arguments.of("center", new CenterLossConfig(0.02f, 0.3f)),
                Arguments.of("lgm", new LgmConfig(0.3f, 0.05f)),
                Arguments.of("arcface", new ArcFaceConfig(16f, 0.35f)),
                Arguments.of("mmc", new MmcConfig(5f)));
    }

    @ParameterizedTest
    @MethodSource("oldRuns")
    void anOldConfigReadsAsTheLossItTrained(String run, LossConfig loss, @TempDir Path tmp) throws IOException {
        TrainingConfig config = RunDirectory.open(oldRun(run, tmp, false)).readConfig();
        int trainLimit = run.equals("isce-code") || run.equals("center") ? 512 : 128;
        assertThat(config)
                .isEqualTo(TrainingConfig.builder()
                        .setDataset(DatasetName.MNIST)
                        .setModel(Architecture.LENET5)
                        .setLoss(loss)
                        .optEpochs(1)
                        .optSeed(3)
                        .optTrainLimit(trainLimit)
                        .build());
    }

    /** What a new config.json records reads back as the same configuration, for every loss. */
    @ParameterizedTest
    @MethodSource("oldRuns")
    void aNewConfigReadsBackAsWritten(String run, LossConfig loss, @TempDir Path tmp) throws IOException {
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(loss)
                .optEpochs(2)
                .optBatchSize(64)
                .optSeed(7)
                .build();
        RunDirectory dir = RunDirectory.create(tmp.resolve("run"));
        dir.writeConfig(config, new JsonObject());
        assertThat(dir.readConfig()).isEqualTo(config);
        String json = Files.readString(tmp.resolve("run").resolve("config.json"));
        assertThat(json)
                .as("the chosen loss, under its old key")
                .contains("\"loss\": \"" + loss.name().id() + "\"");
    }

    @Test
    void anOlderConfigWithoutBaselineSettingsLoadsWithDefaults(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("config.json"), """
                {"format": "isce4j-run/1", "training": {"dataset": "mnist", "model": "lenet5", "loss": "isce",
                 "s": 1.0, "m": 0.2, "isce_variant": "code", "embedding_dim": 0, "epochs": 5, "batch_size": 128,
                 "optimizer": "adam", "lr": 0.001, "seed": 0, "train_limit": 0}}
                """);
        assertThat(RunDirectory.open(tmp).readConfig().loss()).isEqualTo(IsceConfig.code(1f, 0.2f));
    }

    /**
     * --resume of an old run directory that holds no checkpoint yet trains what it recorded: the
     * same numbers the old code measured (a run of another configuration would differ in the
     * first digits; the tolerance only allows for another thread count's sums).
     */
    @ParameterizedTest
    @MethodSource("oldRunsWithMetrics")
    void resumingAnOldRunTrainsWhatTheOldCodeTrained(String run, String description, @TempDir Path tmp)
            throws IOException {
        Path dir = oldRun(run, tmp, false);
        List<EpochMetrics> old =
                RunDirectory.open(oldRun(run, tmp.resolve("expected"), true)).readMetrics();
        TrainingResult resumed = TrainingRun.resume(dir, DATA, QUIET);
        assertThat(resumed.epochs()).hasSameSizeAs(old);
        for (int e = 0; e < old.size(); e++) {
            assertThat(resumed.epochs().get(e).trainLoss()).isCloseTo(old.get(e).trainLoss(), within(1e-4));
            assertThat(resumed.epochs().get(e).trainAccuracy())
                    .isCloseTo(old.get(e).trainAccuracy(), within(2.5e-3));
            assertThat(resumed.epochs().get(e).testAccuracy())
                    .isCloseTo(old.get(e).testAccuracy(), within(5e-4));
        }
        try (NetworkClassifier trained = Checkpoint.loadTrained(RunDirectory.open(dir))) {
            assertThat(trained.description()).isEqualTo("lenet5 / " + description + " / mnist");
        }
    }

    static Stream<Arguments> oldRunsWithMetrics() {
        return Stream.of(
                Arguments.of("isce-code", "isce (code variant, s=2.0, m=0.3)"),
                Arguments.of("center", "center (lambda=0.02, alpha=0.3)"));
    }

    /** Copies old-runs/RUN's config.json (and metrics.json if asked) into a fresh folder. */
    private static Path oldRun(String run, Path tmp, boolean withMetrics) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(run));
        copy("/old-runs/" + run + "/config.json", dir.resolve("config.json"));
        if (withMetrics) {
            copy("/old-runs/" + run + "/metrics.json", dir.resolve("metrics.json"));
        }
        return dir;
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = OldRunDirectoryTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, to);
        }
    }
}
