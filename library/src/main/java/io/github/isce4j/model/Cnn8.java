package io.github.isce4j.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * The "eight-layer" shallow CNN for 32×32 colour images. The paper does not define it; this is
 * the project's choice (docs/method.md §4): three stages of two 3×3 convolutions (32, 64, 128 filters),
 * each convolution followed by BatchNorm and ReLU, each stage by a 2×2 max-pool, then FC 256 with
 * BatchNorm and ReLU, then the head FC 10 — six convolutions and two linear layers.
 */
final class Cnn8 {

    private Cnn8() {}

    static Block features(int embeddingDim) {
        SequentialBlock f = new SequentialBlock();
        for (int filters : new int[] {32, 64, 128}) {
            f.add(convBnRelu(filters)).add(convBnRelu(filters)).add(Layers.maxPool2());
        }
        f.add(Layers.flatten()).add(Layers.linear(256)).add(Layers.batchNorm()).add(Layers.relu());
        return Layers.withEmbedding(f, embeddingDim);
    }

    private static Block convBnRelu(int filters) {
        return new SequentialBlock()
                .add(Layers.conv3x3(filters, 1))
                .add(Layers.batchNorm())
                .add(Layers.relu());
    }
}
