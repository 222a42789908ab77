package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.model.Accuracy;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Every per-batch array is freed: the number of live native arrays does not grow with steps. */
class NativeMemoryTest {

    @Test
    void liveArrayCountStaysFlatAcrossEpochs() {
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(IsceConfig.DEFAULT)
                .optEpochs(3)
                .optBatchSize(64)
                .optTrainLimit(1_024)
                .build();
        ImageSet train =
                new DataLocator(null).load(DatasetName.MNIST, Split.TRAIN).first(1_024);
        TrainingRun run = new TrainingRun(config, null, new PrintStream(new ByteArrayOutputStream()));
        try (NetworkClassifier classifier = Checkpoint.newClassifier(config)) {
            NDManager root = classifier.model().getNDManager();
            Adam adam = new Adam(Checkpoint.trainable(classifier.network()), 1e-3f);
            ParameterStore store = new ParameterStore(root, false);
            NDArray x = train.images(root);
            NDArray y = train.labelArray(root);

            run.trainEpoch(1, classifier, store, config.loss().trainingLoss(), adam, x, y);
            Accuracy.of(classifier, x, y, 100);
            int afterFirst = root.getManagedArrays().size();
            for (int epoch = 2; epoch <= 3; epoch++) {
                run.trainEpoch(epoch, classifier, store, config.loss().trainingLoss(), adam, x, y);
                Accuracy.of(classifier, x, y, 100);
            }

            assertThat(root.getManagedArrays()).hasSize(afterFirst);
        }
    }
}
