package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.isce4j.model.Scalar;

/**
 * The additive angular margin (ArcFace) loss of Deng, Guo, Xue and Zafeiriou, CVPR 2019
 * (docs/method.md §2). The {@link CosineHead} gives z_k = S·cos θ_k; in training the true class's logit
 * becomes S·cos(θ_y + M), and the loss is the cross-entropy of the softmax of these logits.
 *
 * <p>cos(θ_y + M) = cos θ_y·cos M − sin θ_y·sin M, with cos θ_y = z_y / S read back from the
 * head's output. Past θ_y + M &gt; π that expression would rise again as θ_y grows (penalising
 * less the worse the example), so there, as in the ArcFace code, the target logit is
 * S·(cos θ_y − M·sin M) instead, which keeps decreasing in θ_y. Predictions and attacks use
 * S·cos θ without the margin. Defaults S = 30 (64 in the face papers, too large for 10 classes),
 * M = 0.5. M = 0 is plain softmax cross-entropy on S·cos θ.
 *
 * <p>Labels: class indices, int64 [N]. Predictions: head = z = S·cos θ [N, K]; others ignored.
 */
public final class ArcFace extends Loss {

    /** sin θ is computed from cos θ clipped this far inside ±1, where √(1 − cos²) has a finite slope. */
    private static final double EDGE = 1e-6;

    private final float scale;
    private final float margin;

    /**
     * @param scale S &gt; 0, as given to the {@link CosineHead}
     * @param margin M ≥ 0, the additive angular margin in radians
     */
    public ArcFace(float scale, float margin) {
        super("ArcFace");
        this.scale = scale;
        this.margin = margin;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray index = SoftmaxCrossEntropy.columnIndex(labels.head());
        NDArray target = marginCosine(logits.gather(index, 1).div(Scalar.of(logits, scale)))
                .mul(Scalar.of(logits, scale));
        NDArray withMargin = logits.scatter(index, target, 1);
        return SoftmaxCrossEntropy.trueClassLogProbability(withMargin, index)
                .mean()
                .neg();
    }

    /**
     * @param cosine cos θ, any shape
     * @return cos(θ + M) where θ + M ≤ π, cos θ − M·sin M beyond
     */
    NDArray marginCosine(NDArray cosine) {
        NDArray sine = cosine.clip(-1 + EDGE, 1 - EDGE)
                .square()
                .neg()
                .add(Scalar.of(cosine, 1))
                .sqrt();
        NDArray shifted =
                cosine.mul(Scalar.of(cosine, Math.cos(margin))).sub(sine.mul(Scalar.of(sine, Math.sin(margin))));
        NDArray fallback = cosine.sub(Scalar.of(cosine, margin * Math.sin(margin)));
        // θ + M > π  ⇔  θ > π − M  ⇔  cos θ < cos(π − M) = −cos M
        NDArray inRange = cosine.gte(Scalar.of(cosine, -Math.cos(margin)));
        return NDArrays.where(inRange, shifted, fallback);
    }

    @Override
    public String toString() {
        return "ArcFace(S=" + scale + ", M=" + margin + ")";
    }
}
