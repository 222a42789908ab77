package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.isce4j.model.Scalar;

/**
 * The head of the large-margin Gaussian mixture model (Wan et al. 2018) with identity covariances
 * and equal priors: learned class means μ [K, D] and logits ℓ_k = −d_k, d_k = ½‖h − μ_k‖². These
 * are the logits predictions and attacks use (the classification rule argmax ℓ is the nearest
 * mean); the training margin is added by {@link LargeMarginGaussianMixture}.
 *
 * <p>The means are an ordinary weight: the optimiser learns them, initialised like the other
 * weights. Output: {@code [ℓ [N, K]]}.
 */
public final class GaussianMixtureHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final Parameter means;

    /** @param numClasses K */
    public GaussianMixtureHead(int numClasses) {
        super(VERSION);
        this.numClasses = numClasses;
        this.means = addParameter(Parameter.builder()
                .setName("means")
                .setType(Parameter.Type.WEIGHT)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        NDArray mu = ParameterView.of(store.getValue(means, h.getDevice(), training), h);
        return new NDList(SquaredDistances.of(h, mu).mul(Scalar.of(h, -0.5)));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        means.setShape(new Shape(numClasses, inputShapes[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), numClasses)};
    }
}
