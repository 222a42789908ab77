package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BatchNorm uses its running statistics at inference: a prediction ignores the rest of the batch. */
class BatchIndependenceTest {

    @Test
    void resnet32LogitsOfOneImageDoNotDependOnItsBatch(@TempDir Path tmp) throws Exception {
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.RESNET32)
                .setLoss(IsceConfig.DEFAULT)
                .optEpochs(1)
                .optBatchSize(32)
                .optTrainLimit(128)
                .build();
        DataLocator data = new DataLocator((Path) null);
        TrainingRun.start(config, tmp.resolve("run"), data, new PrintStream(new ByteArrayOutputStream()));
        ImageSet test = data.load(DatasetName.MNIST, Split.TEST).first(64);

        try (NetworkClassifier classifier = Checkpoint.loadTrained(RunDirectory.open(tmp.resolve("run")));
                NDManager m = NDManager.newBaseManager()) {
            NDArray images = test.images(m);
            NDArray inBatch = classifier.logits(images);
            NDArray alone = classifier.logits(images.get("3:4"));
            NDArray withOthers = classifier.logits(images.get("0:8"));

            float[] row = inBatch.get("3").toFloatArray();
            assertThat(alone.get("0").toFloatArray()).containsExactly(row, org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(withOthers.get("3").toFloatArray())
                    .containsExactly(row, org.assertj.core.data.Offset.offset(1e-4f));
            // Training mode would normalise with the batch's own statistics and give other logits.
            NDArray trainingMode = classifier
                    .network()
                    .forward(new ai.djl.training.ParameterStore(m, false), new ai.djl.ndarray.NDList(images), true)
                    .head();
            assertThat(trainingMode.sub(inBatch).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }
}
