package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.isce4j.model.Scalar;

/**
 * Softmax cross-entropy plus the center loss of Wen, Zhang, Li and Qiao, "A Discriminative Feature
 * Learning Approach for Deep Face Recognition", ECCV 2016 (docs/method.md §2):
 * L = CE(softmax(z), y) + λ·½·mean_i ‖h_i − c_{y_i}‖².
 *
 * <p>The class centers c are not learned by the optimiser: after each backward pass
 * {@link #update} moves them by Wen's rule Δc_j = Σ_{i: y_i = j} (c_j − h_i) / (1 + n_j),
 * c_j ← c_j − α·Δc_j, at their own rate α (not scaled by λ). Classes absent from the batch have
 * n_j = 0 and stay exactly where they are. The centers live in the {@link CenterLossHead}, which
 * appends them to the network output, so they are saved with the parameters and a resumed run
 * continues from exactly the same centers.
 *
 * <p>Labels: class indices, int64 [N]. Predictions: {@code [z [N, K], h [N, D], centers [K, D]]}.
 * Predictions and attacks use z, as for SCE. Defaults λ = 0.01, α = 0.5.
 */
public final class CenterLoss extends Loss implements StateUpdate {

    private final float weight;
    private final float rate;

    /**
     * @param weight λ, the weight of the center term (≥ 0)
     * @param rate α, the center update rate in (0, 1]
     */
    public CenterLoss(float weight, float rate) {
        super("CenterLoss");
        this.weight = weight;
        this.rate = rate;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray y = labels.head();
        NDArray crossEntropy = SoftmaxCrossEntropy.meanLoss(predictions.get(0), y);
        NDArray h = predictions.get(1);
        NDArray centers = predictions.get(2);
        NDArray distance = h.sub(oneHot(y, centers, h).matMul(centers)).square().sum(new int[] {1});
        // Scale before the mean: a 0-d float32 times a double scalar would become float64.
        return crossEntropy.add(distance.mul(Scalar.of(distance, weight / 2.0)).mean());
    }

    /** Moves the centers of the classes present in the batch, in place, by Wen's rule. */
    @Override
    public void update(NDList labels, NDList predictions) {
        moveCenters(labels.head(), predictions.get(1).stopGradient(), predictions.get(2));
    }

    /**
     * c_j ← c_j − α·Σ_{i: y_i = j}(c_j − h_i)/(1 + n_j), for all classes j at once.
     *
     * @param labels class indices y, int64 [N]
     * @param features the batch's features h, [N, D]
     * @param centers the class centers c, [K, D]; updated in place
     */
    public void moveCenters(NDArray labels, NDArray features, NDArray centers) {
        NDArray members = oneHot(labels, centers, features); // [N, K]
        NDArray counts = members.sum(new int[] {0}).expandDims(1); // n_j, [K, 1]
        NDArray featureSums = members.transpose().matMul(features); // Σ_{i: y_i = j} h_i, [K, D]
        NDArray delta = counts.mul(centers).sub(featureSums).div(counts.add(Scalar.of(counts, 1)));
        centers.subi(delta.mul(Scalar.of(delta, rate)));
    }

    /** One row per example with a 1 in its class's column, in the features' type. */
    private static NDArray oneHot(NDArray labels, NDArray centers, NDArray features) {
        return labels.reshape(-1).oneHot((int) centers.getShape().get(0), features.getDataType());
    }

    @Override
    public String toString() {
        return "CenterLoss(lambda=" + weight + ", alpha=" + rate + ")";
    }
}
