package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.isce4j.model.Scalar;

/**
 * Cross-entropy against label-smoothed targets, the ε/K form of Szegedy et al. 2016 and Müller,
 * Kornblith and Hinton 2019 (docs/method.md §2): q = (1 − ε)·onehot(y) + ε/K, and
 * L = mean over the batch of −Σ_k q_k·log softmax(z)_k.
 *
 * <p>Computed as −(1 − ε)·log p_y − ε·mean_k log p_k, so no one-hot array is built. The head is
 * linear and predictions are argmax z, as for SCE. ε = 0 is plain SCE.
 *
 * <p>Labels: class indices, int64 [N]. Predictions: head = logits z [N, K]; others ignored.
 */
public final class LabelSmoothingCrossEntropy extends Loss {

    private final float epsilon;

    /** @param epsilon the smoothing ε in [0, 1] (the paper's baseline uses 0.1) */
    public LabelSmoothingCrossEntropy(float epsilon) {
        super("LabelSmoothingCrossEntropy");
        this.epsilon = epsilon;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return perExample(predictions.head(), labels.head()).mean();
    }

    /**
     * @param logits raw logits z, [N, K]
     * @param labels class indices y, int64 [N]
     * @return the per-example losses, [N]
     */
    public NDArray perExample(NDArray logits, NDArray labels) {
        NDArray logP = logits.logSoftmax(1);
        NDArray trueClass =
                logP.gather(SoftmaxCrossEntropy.columnIndex(labels), 1).reshape(-1);
        NDArray uniform = logP.mean(new int[] {1});
        return trueClass
                .mul(Scalar.of(trueClass, 1.0 - epsilon))
                .add(uniform.mul(Scalar.of(uniform, epsilon)))
                .neg();
    }

    @Override
    public String toString() {
        return "LabelSmoothing(epsilon=" + epsilon + ")";
    }
}
