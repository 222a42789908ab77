package io.github.isce4j.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * LeNet-5 for 28×28 images (docs/method.md §4): conv 6@5×5 pad 2, ReLU, max-pool 2, conv 16@5×5, ReLU,
 * max-pool 2, FC 120, ReLU, FC 84, ReLU, then the head FC 10 — 61,706 parameters.
 */
final class LeNet5 {

    private LeNet5() {}

    static Block features(int embeddingDim) {
        SequentialBlock f = new SequentialBlock()
                // Max-pooling before ReLU computes exactly conv-ReLU-pool (ReLU is monotone, so it
                // commutes with max) with the ReLU on a four times smaller tensor.
                .add(Layers.conv(6, 5, 1, 2))
                .add(Layers.maxPool2())
                .add(Layers.relu())
                .add(Layers.conv(16, 5, 1, 0))
                .add(Layers.maxPool2())
                .add(Layers.relu())
                .add(Layers.flatten())
                .add(Layers.linear(120))
                .add(Layers.relu())
                .add(Layers.linear(84))
                .add(Layers.relu());
        return Layers.withEmbedding(f, embeddingDim);
    }
}
