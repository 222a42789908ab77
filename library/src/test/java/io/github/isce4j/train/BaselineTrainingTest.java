package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.LossName;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.model.Scalar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The baseline losses of docs/method.md §2 inside the real training loop, on a small MNIST subset. */
class BaselineTrainingTest {

    private static final DataLocator DATA = new DataLocator((Path) null);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static TrainingConfig config(LossName loss, int epochs, int embeddingDim) {
        return TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(LossConfig.of(loss))
                .optEmbeddingDim(embeddingDim)
                .optEpochs(epochs)
                .optSeed(5)
                .optTrainLimit(2_000)
                .build();
    }

    private static List<List<Double>> numbers(TrainingResult r) {
        return r.epochs().stream()
                .map(e -> List.of(e.trainLoss(), e.trainAccuracy(), e.testAccuracy()))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(
            value = LossName.class,
            names = {"LABEL_SMOOTHING", "CENTER", "LGM", "ARCFACE", "MMC"})
    void learnsAndAResumedRunEqualsAnUninterruptedOne(LossName loss, @TempDir Path tmp) throws IOException {
        TrainingResult whole = TrainingRun.start(config(loss, 2, 0), tmp.resolve("whole"), DATA, QUIET);

        Path cut = tmp.resolve("cut");
        TrainingRun.start(config(loss, 1, 0), cut, DATA, QUIET);
        RunDirectory dir = RunDirectory.open(cut);
        dir.writeConfig(config(loss, 2, 0), dir.readProvenance());
        Files.delete(dir.modelFile());
        TrainingResult resumed = TrainingRun.resume(cut, DATA, QUIET);

        assertThat(whole.testAccuracy())
                .as("LeNet-5 with %s after 2 epochs on 2,000 images", loss)
                .isGreaterThan(0.3);
        assertThat(numbers(resumed)).isEqualTo(numbers(whole));
        assertThat(Files.readAllBytes(cut.resolve("model.params")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("whole/model.params")));
        assertThat(RunDirectory.open(cut).readConfig()).isEqualTo(config(loss, 2, 0));
    }

    @ParameterizedTest
    @EnumSource(
            value = LossName.class,
            names = {"CENTER", "LGM", "ARCFACE", "MMC"})
    void liveArrayCountStaysFlatWithEveryHead(LossName loss) {
        TrainingConfig config = config(loss, 2, 0);
        ImageSet train = DATA.load(DatasetName.MNIST, Split.TRAIN).first(512);
        TrainingRun run = new TrainingRun(config, null, QUIET);
        try (NetworkClassifier classifier = Checkpoint.newClassifier(config)) {
            NDManager root = classifier.model().getNDManager();
            Adam adam = new Adam(Checkpoint.trainable(classifier.network()), 1e-3f);
            ParameterStore store = new ParameterStore(root, false);
            NDArray x = train.images(root);
            NDArray y = train.labelArray(root);
            run.trainEpoch(1, classifier, store, config.loss().trainingLoss(), adam, x, y);
            int afterFirst = root.getManagedArrays().size();
            run.trainEpoch(2, classifier, store, config.loss().trainingLoss(), adam, x, y);
            assertThat(root.getManagedArrays()).hasSize(afterFirst);
        }
    }

    @Test
    void centerLossCentersMoveAndAreSavedButTheOptimiserSkipsThem() {
        TrainingConfig config = config(LossName.CENTER, 1, 0);
        ImageSet train = DATA.load(DatasetName.MNIST, Split.TRAIN).first(256);
        try (NetworkClassifier classifier = Checkpoint.newClassifier(config)) {
            Parameter centers = parameter(classifier, "centers");
            assertThat(Checkpoint.trainable(classifier.network())).doesNotContain(centers);
            NDManager root = classifier.model().getNDManager();
            Adam adam = new Adam(Checkpoint.trainable(classifier.network()), 1e-3f);
            new TrainingRun(config, null, QUIET)
                    .trainEpoch(
                            1,
                            classifier,
                            new ParameterStore(root, false),
                            config.loss().trainingLoss(),
                            adam,
                            train.images(root),
                            train.labelArray(root));
            assertThat(centers.getArray().abs().sum().getFloat())
                    .as("centers moved away from zero")
                    .isPositive();
        }
    }

    @Test
    void mmcCentersAreFixedAndLgmMeansAreLearned() {
        try (NetworkClassifier mmc = Checkpoint.newClassifier(config(LossName.MMC, 1, 0));
                NetworkClassifier lgm = Checkpoint.newClassifier(config(LossName.LGM, 1, 0))) {
            assertThat(Checkpoint.trainable(mmc.network())).doesNotContain(parameter(mmc, "centers"));
            assertThat(Checkpoint.trainable(lgm.network())).contains(parameter(lgm, "means"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = LossName.class, names = "MMC", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherLossTakesAThreeDimensionalEmbedding(LossName loss) {
        try (NetworkClassifier c = Checkpoint.newClassifier(config(loss, 1, 3));
                NDManager m = NDManager.newBaseManager()) {
            NDList out = c.network()
                    .forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(4, 1, 28, 28))), false);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(4, 10));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(4, 3));
        }
    }

    @Test
    void mmcGetsALinearFeatureOfWidthKWhereTheModelsFeatureEndsInRelu() {
        assertThat(config(LossName.MMC, 1, 0).effectiveEmbeddingDim()).isEqualTo(10);
        assertThat(config(LossName.MMC, 1, 32).effectiveEmbeddingDim()).isEqualTo(32);
        assertThat(config(LossName.ARCFACE, 1, 0).effectiveEmbeddingDim()).isZero();
        assertThat(TrainingConfig.builder()
                        .setDataset(DatasetName.MNIST)
                        .setModel(Architecture.RESNET32)
                        .setLoss(LossConfig.of(LossName.MMC))
                        .optEpochs(1)
                        .build()
                        .effectiveEmbeddingDim())
                .as("ResNet-32 ends in a linear layer")
                .isZero();
        try (NetworkClassifier c = Checkpoint.newClassifier(config(LossName.MMC, 1, 0));
                NDManager m = NDManager.newBaseManager()) {
            NDList out = c.network()
                    .forward(
                            new ParameterStore(m, false),
                            new NDList(m.randomUniform(0, 1, new Shape(64, 1, 28, 28))),
                            false);
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(64, 10));
            assertThat(out.get(1).lt(Scalar.of(m, 0)).any().getBoolean())
                    .as("some feature entries are negative")
                    .isTrue();
        }
    }

    @Test
    void mmcRefusesAnEmbeddingNarrowerThanTheNumberOfClasses() {
        assertThatThrownBy(() -> config(LossName.MMC, 1, 3))
                .isInstanceOf(InvalidSetting.class)
                .hasFieldOrPropertyWithValue("setting", "loss")
                .hasMessageContaining("loss mmc")
                .hasMessageContaining("at least 10")
                .hasMessageContaining("embedding_dim 3");
        assertThat(config(LossName.MMC, 1, 10).embeddingDim()).isEqualTo(10);
    }

    private static Parameter parameter(NetworkClassifier c, String suffix) {
        return c.network().getParameters().values().stream()
                .filter(p -> p.getName().equals(suffix))
                .findFirst()
                .orElseThrow();
    }
}
