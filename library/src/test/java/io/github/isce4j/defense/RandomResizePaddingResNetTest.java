package io.github.isce4j.defense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * Random resize + pad feeds odd-sized images (MNIST 28 → 31) to networks built for even ones:
 * ResNet-32's stride-2 shortcuts must pool to the same size as its stride-2 convolutions.
 */
class RandomResizePaddingResNetTest {

    @Test
    void resNet32TakesEveryPatternOnMnistAndCifar() {
        for (DatasetName d : new DatasetName[] {DatasetName.MNIST, DatasetName.CIFAR10}) {
            TrainingConfig config = TrainingConfig.builder()
                    .setDataset(d)
                    .setModel(Architecture.RESNET32)
                    .setLoss(SceConfig.DEFAULT)
                    .optEpochs(1)
                    .optBatchSize(8)
                    .build();
            try (RandomResizePadding defended =
                            new RandomResizePadding(Checkpoint.newClassifier(config), d.height(), 0);
                    NDManager manager = NDManager.newBaseManager()) {
                var images = manager.randomUniform(0, 1, new Shape(3, d.channels(), d.height(), d.width()));
                assertArrayEquals(
                        new long[] {3, 10}, defended.logits(images).getShape().getShape(), d.id());
                var g = defended.inputGradient(
                                images,
                                manager.create(new long[] {0, 1, 2}),
                                io.github.isce4j.model.InputLoss.DEPLOYED_CROSS_ENTROPY)
                        .gradient();
                assertArrayEquals(images.getShape().getShape(), g.getShape().getShape(), d.id());
            }
        }
    }
}
