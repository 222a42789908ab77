package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.isce4j.model.Scalar;

/**
 * The Max-Mahalanobis center (MMC) loss of Pang, Xu, Du, Dong and Zhu, "Rethinking Softmax
 * Cross-Entropy Loss for Adversarial Robustness", ICLR 2020 (docs/method.md §2):
 * L = mean_i ½‖h_i − μ_{y_i}‖² with the fixed {@link MaxMahalanobisCenters} μ.
 *
 * <p>The {@link MaxMahalanobisHead} outputs ℓ_k = −‖h − μ_k‖², so the loss is −½·mean ℓ_y and
 * needs nothing else. There is no softmax in training at all. Default C_MM = 10.
 *
 * <p>Labels: class indices, int64 [N]. Predictions: head = ℓ [N, K]; others ignored.
 */
public final class MaxMahalanobisCenterLoss extends Loss {

    /** Creates the loss; its only setting, C_MM, belongs to the head's centers. */
    public MaxMahalanobisCenterLoss() {
        super("MaxMahalanobisCenterLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray index = SoftmaxCrossEntropy.columnIndex(labels.head());
        // Scale before the mean: a 0-d float32 times a double scalar would become float64.
        return predictions.head().gather(index, 1).mul(Scalar.of(index, -0.5)).mean();
    }

    @Override
    public String toString() {
        return "MMC";
    }
}
