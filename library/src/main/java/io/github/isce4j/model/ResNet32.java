package io.github.isce4j.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/**
 * Pre-activation ResNet-32 (He et al. 2016, "Identity Mappings in Deep Residual Networks") as the
 * authors' code builds it (docs/method.md §4): stem conv3×3-16, BN, ReLU; three stages of five
 * {@link PreActivationBlock}s with 16, 32 and 64 filters, stages 2 and 3 starting with stride 2;
 * then BN, ReLU, global average pooling and the linear embedding layer (64 wide unless an
 * embedding width is given) before the head FC 10. About 0.47 M parameters.
 */
final class ResNet32 {

    static final int BLOCKS_PER_STAGE = 5;
    static final int DEFAULT_EMBEDDING = 64;

    private ResNet32() {}

    static Block features(int embeddingDim) {
        SequentialBlock f = new SequentialBlock()
                .add(Layers.conv3x3(16, 1))
                .add(Layers.batchNorm())
                .add(Layers.relu());
        int[] filters = {16, 32, 64};
        for (int stage = 0; stage < filters.length; stage++) {
            for (int b = 0; b < BLOCKS_PER_STAGE; b++) {
                boolean first = b == 0;
                int stride = first && stage > 0 ? 2 : 1;
                // The stem already ends in BN-ReLU, so the very first block skips its own.
                boolean preActivate = !(first && stage == 0);
                f.add(new PreActivationBlock(filters[stage], stride, preActivate));
            }
        }
        f.add(Layers.batchNorm())
                .add(Layers.relu())
                .add(Pool.globalAvgPool2dBlock())
                .add(Layers.flatten())
                .add(Layers.linear(embeddingDim > 0 ? embeddingDim : DEFAULT_EMBEDDING));
        return f;
    }
}
