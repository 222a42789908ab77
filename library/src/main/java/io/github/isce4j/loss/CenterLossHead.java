package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The head of a network trained with the {@link CenterLoss}: a linear layer h → z, plus the class
 * centers c [K, D] that the loss pulls the features toward. The centers are a parameter that
 * needs no gradient (the optimiser skips it; {@link CenterLoss#update} moves it), start at zero as
 * in Wen et al. 2016, and are saved with the model so training resumes exactly.
 *
 * <p>Output: {@code [z [N, K], centers [K, D]]}.
 */
public final class CenterLossHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final Block linear;
    private final Parameter centers;

    /** @param numClasses K */
    public CenterLossHead(int numClasses) {
        super(VERSION);
        this.numClasses = numClasses;
        this.linear =
                addChildBlock("linear", Linear.builder().setUnits(numClasses).build());
        this.centers = addParameter(Parameter.builder()
                .setName("centers")
                .setType(Parameter.Type.OTHER)
                .optInitializer(Initializer.ZEROS)
                .optRequiresGrad(false)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        NDArray z = linear.forward(store, inputs, training, params).head();
        return new NDList(z, store.getValue(centers, h.getDevice(), training));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        centers.setShape(new Shape(numClasses, inputShapes[0].get(1)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), numClasses), new Shape(numClasses, inputs[0].get(1))};
    }
}
