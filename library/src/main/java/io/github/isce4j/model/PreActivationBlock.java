package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The pre-activation basic block: (BN, ReLU, conv3×3) twice, plus the shortcut. When the block
 * halves the resolution, the shortcut is the parameter-free "option A": 2×2 average pooling and
 * zero channels appended to reach the new width.
 */
final class PreActivationBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int stride;
    private final Block preActivation;
    private final Block conv1;
    private final Block bn2;
    private final Block conv2;

    PreActivationBlock(int filters, int stride, boolean preActivate) {
        super(VERSION);
        this.stride = stride;
        this.preActivation = preActivate ? addChildBlock("bn1", Layers.batchNorm()) : null;
        this.conv1 = addChildBlock("conv1", Layers.conv3x3(filters, stride));
        this.bn2 = addChildBlock("bn2", Layers.batchNorm());
        this.conv2 = addChildBlock("conv2", Layers.conv3x3(filters, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList y = inputs;
        if (preActivation != null) {
            y = relu(preActivation.forward(store, y, training, params));
        }
        y = conv1.forward(store, y, training, params);
        y = relu(bn2.forward(store, y, training, params));
        y = conv2.forward(store, y, training, params);
        return new NDList(y.head().add(shortcut(x)));
    }

    private static NDList relu(NDList x) {
        return new NDList(x.head().getNDArrayInternal().relu());
    }

    private NDArray shortcut(NDArray x) {
        if (stride == 1) {
            return x;
        }
        // ceil mode: an odd side (random resize + pad feeds 31×31 MNIST images) pools to the same
        // ⌈H/2⌉ rows as the padded stride-2 convolution; on even sides it changes nothing
        NDArray pooled = x.getNDArrayInternal()
                .avgPool(new Shape(stride, stride), new Shape(stride, stride), new Shape(0, 0), true, true);
        return NDArrays.concat(new NDList(pooled, pooled.zerosLike()), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        Shape[] shapes = inputs;
        if (preActivation != null) {
            shapes = preActivation.getOutputShapes(shapes);
        }
        shapes = conv1.getOutputShapes(shapes);
        shapes = conv2.getOutputShapes(bn2.getOutputShapes(shapes));
        if (stride == 1 && !shapes[0].equals(in)) {
            throw new IllegalStateException("identity shortcut needs equal shapes: " + in + " vs " + shapes[0]);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        if (preActivation != null) {
            preActivation.initialize(manager, dataType, shapes);
        }
        conv1.initialize(manager, dataType, shapes);
        shapes = conv1.getOutputShapes(shapes);
        bn2.initialize(manager, dataType, shapes);
        conv2.initialize(manager, dataType, shapes);
    }
}
