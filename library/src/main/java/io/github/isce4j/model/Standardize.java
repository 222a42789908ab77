package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Per-channel (x - mean) / std with fixed dataset constants, as the first layer of a network:
 * every interface of isce4j takes images in [0, 1], so the normalisation lives inside the model
 * (docs/method.md, Units and conventions) and attacks differentiate through it.
 */
final class Standardize extends AbstractBlock {

    private final float[] mean;
    private final float[] std;

    Standardize(float[] mean, float[] std) {
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (mean.length == 1) {
            return new NDList(x.sub(Scalar.of(x, mean[0])).div(Scalar.of(x, std[0])));
        }
        return new NDList(x.sub(perChannel(x, mean)).div(perChannel(x, std)));
    }

    /**
     * A native copy of the constants: an array made from Java memory must outlive every graph that
     * holds it (the division keeps its divisor for the backward pass), and the input's manager,
     * which it would join, may close first.
     */
    private static NDArray perChannel(NDArray x, float[] values) {
        try (NDArray javaBacked = x.getManager().create(values, new Shape(1, values.length, 1, 1))) {
            return javaBacked.duplicate();
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }
}
