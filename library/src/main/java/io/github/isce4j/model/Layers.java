package io.github.isce4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/** Small factories for the layers the paper's networks are made of. */
final class Layers {

    private Layers() {}

    static Block conv(int filters, int kernel, int stride, int padding) {
        return WideConvolution.wideBuilder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .build();
    }

    /** A 3×3 convolution with "same" padding and no bias (a BatchNorm follows it). */
    static Block conv3x3(int filters, int stride) {
        return WideConvolution.wideBuilder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .optBias(false)
                .build();
    }

    static Block linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    static Block batchNorm() {
        return BatchNorm.builder().build();
    }

    static Block relu() {
        return Activation.reluBlock();
    }

    static Block maxPool2() {
        return MaxPooling.block();
    }

    static Block flatten() {
        return Blocks.batchFlattenBlock();
    }

    /** Appends the optional embedding layer (linear, no activation) of docs/method.md §4. */
    static SequentialBlock withEmbedding(SequentialBlock features, int embeddingDim) {
        if (embeddingDim > 0) {
            features.add(linear(embeddingDim));
        }
        return features;
    }
}
