package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.Scalar;
import java.util.function.Function;

/**
 * A classifier whose logits are another's times a constant: the same predictions, but with a
 * scale of 1e30 every input gradient of a logit margin is about 1e30 per pixel, finite, while its
 * float32 L2 norm (√Σg², Σg² ≈ 1e62) is not.
 */
final class ScaledLogits implements Classifier {

    private final Classifier inner;
    private final float scale;

    /**
     * @param inner the classifier whose logits are scaled; closed with this one
     * @param scale the factor
     */
    ScaledLogits(Classifier inner, float scale) {
        this.inner = inner;
        this.scale = scale;
    }

    @Override
    public int numClasses() {
        return inner.numClasses();
    }

    @Override
    public String description() {
        return inner.description() + " × " + scale;
    }

    @Override
    public DecisionRule decisionRule() {
        return DecisionRule.SOFTMAX;
    }

    @Override
    public NDArray logits(NDArray images) {
        NDArray z = inner.logits(images);
        return z.mul(Scalar.of(z, scale));
    }

    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        InputGradients g = inner.inputGradients(images, z -> objectives.apply(z.mul(Scalar.of(z, scale))));
        return new InputGradients(g.logits().mul(Scalar.of(g.logits(), scale)), g.values(), g.gradients());
    }

    @Override
    public boolean exactExpectedGradients() {
        return inner.exactExpectedGradients();
    }

    @Override
    public void close() {
        inner.close();
    }
}
