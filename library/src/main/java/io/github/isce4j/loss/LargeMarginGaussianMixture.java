package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.isce4j.model.Scalar;

/**
 * The large-margin Gaussian mixture (L-GM) loss of Wan, Zhong, Li and Chen, "Rethinking Feature
 * Distribution for Loss Functions in Image Classification", CVPR 2018 (docs/method.md §2), with identity
 * covariances and equal priors.
 *
 * <p>The {@link GaussianMixtureHead} gives ℓ_k = −d_k with d_k = ½‖h − μ_k‖². In training the
 * true class's logit becomes −(1 + α)·d_y (the classification margin), and the likelihood term
 * λ·mean d_y pulls features toward their class mean:
 * L = CE(softmax(ℓ with ℓ_y ← (1 + α)·ℓ_y), y) + λ·mean_i d_{y_i}. Predictions and attacks use
 * ℓ without the margin. Defaults α = 0.1, λ = 0.01 (Wan et al. ramp α up to 0.3 on some sets;
 * the project keeps it fixed).
 *
 * <p>Labels: class indices, int64 [N]. Predictions: head = ℓ [N, K] from the head; others
 * ignored.
 */
public final class LargeMarginGaussianMixture extends Loss {

    private final float margin;
    private final float weight;

    /**
     * @param margin α ≥ 0, the relative margin on the true class's distance
     * @param weight λ ≥ 0, the weight of the likelihood term
     */
    public LargeMarginGaussianMixture(float margin, float weight) {
        super("LargeMarginGaussianMixture");
        this.margin = margin;
        this.weight = weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray index = SoftmaxCrossEntropy.columnIndex(labels.head());
        NDArray trueLogit = logits.gather(index, 1); // −d_y, [N, 1]
        NDArray withMargin = logits.scatter(index, trueLogit.mul(Scalar.of(trueLogit, 1.0 + margin)), 1);
        NDArray classification = SoftmaxCrossEntropy.trueClassLogProbability(withMargin, index)
                .mean()
                .neg();
        return classification.sub(trueLogit.mean().mul(Scalar.of(trueLogit, weight)));
    }

    @Override
    public String toString() {
        return "L-GM(alpha=" + margin + ", lambda=" + weight + ")";
    }
}
