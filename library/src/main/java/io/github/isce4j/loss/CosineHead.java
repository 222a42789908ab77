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
 * The head ArcFace trains (Deng et al. 2019): the feature h and each class weight W_k are scaled
 * to unit length, so the logits are z_k = S·cos θ_k with θ_k the angle between h and W_k. These
 * are the logits predictions and attacks use; the angular margin is added by {@link ArcFace}
 * in training only. No bias.
 *
 * <p>Output: {@code [z [N, K]]}.
 */
public final class CosineHead extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final double NORM_FLOOR = 1e-12;

    private final int numClasses;
    private final float scale;
    private final Parameter weight;

    /**
     * @param numClasses K
     * @param scale S &gt; 0, the radius of the hypersphere the logits live on
     */
    public CosineHead(int numClasses, float scale) {
        super(VERSION);
        this.numClasses = numClasses;
        this.scale = scale;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        NDArray w = ParameterView.of(store.getValue(weight, h.getDevice(), training), h);
        NDArray cosine = unit(h).matMul(unit(w).transpose());
        return new NDList(cosine.mul(Scalar.of(cosine, scale)));
    }

    /** Each row divided by max(its L2 norm, 1e-12). */
    private static NDArray unit(NDArray rows) {
        return rows.div(rows.norm(2, new int[] {1}, true).maximum(Scalar.of(rows, NORM_FLOOR)));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(numClasses, inputShapes[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), numClasses)};
    }
}
