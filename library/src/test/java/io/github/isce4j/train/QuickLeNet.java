package io.github.isce4j.train;

import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.NetworkClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** A real but quickly trained model for tests: LeNet-5, SCE, one epoch on the first MNIST images. */
public final class QuickLeNet {

    private QuickLeNet() {}

    /**
     * @param dir the run directory to create
     * @param trainImages how many training images the one epoch sees
     * @return the trained classifier; the caller closes it
     * @throws IOException when the run directory cannot be written
     */
    public static NetworkClassifier train(Path dir, int trainImages) throws IOException {
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(SceConfig.DEFAULT)
                .optEpochs(1)
                .optTrainLimit(trainImages)
                .build();
        TrainingRun.start(config, dir, new DataLocator((Path) null), new PrintStream(new ByteArrayOutputStream()));
        return Checkpoint.loadTrained(RunDirectory.open(dir));
    }
}
