package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The head of a network trained with the MMC loss (Pang et al. 2020): the fixed
 * {@link MaxMahalanobisCenters} μ [K, D] and logits ℓ_k = −‖h − μ_k‖², so argmax ℓ is the
 * nearest center. These negative distances are what predictions and attacks use, and the
 * deployed probabilities are their softmax; the head itself never applies a softmax.
 *
 * <p>The centers are a parameter that needs no gradient: the optimiser never moves them, and they
 * are saved with the model like any other parameter. The feature width D must be at least K.
 * Output: {@code [ℓ [N, K]]}.
 */
public final class MaxMahalanobisHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final Parameter centers;

    /**
     * @param numClasses K
     * @param radius C_MM, the norm of every center
     */
    public MaxMahalanobisHead(int numClasses, float radius) {
        super(VERSION);
        this.numClasses = numClasses;
        this.centers = addParameter(Parameter.builder()
                .setName("centers")
                .setType(Parameter.Type.OTHER)
                .optInitializer(MaxMahalanobisCenters.initializer(numClasses, radius))
                .optRequiresGrad(false)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        NDArray mu = ParameterView.of(store.getValue(centers, h.getDevice(), training), h);
        return new NDList(SquaredDistances.of(h, mu).neg());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        centers.setShape(new Shape(numClasses, inputShapes[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), numClasses)};
    }
}
