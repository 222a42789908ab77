package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy (SCE), the baseline loss of Song et al. 2022 (docs/method.md §2):
 * L = mean over the batch of −log softmax(z)_y.
 *
 * <p>Labels: {@code labels.head()} holds the class indices y, int64 of shape [N] (shape [N, 1]
 * is accepted too). Predictions: {@code predictions.head()} holds the raw logits z, shape
 * [N, K]; further arrays in the list (features, for example) are ignored.
 *
 * <p>The loss is computed as log-softmax followed by a gather of the true-class entry, so no
 * one-hot array is built. The class holds no state and is safe to share.
 */
public final class SoftmaxCrossEntropy extends Loss {

    /** Creates the loss under the name {@code "SoftmaxCrossEntropy"}. */
    public SoftmaxCrossEntropy() {
        this("SoftmaxCrossEntropy");
    }

    /**
     * Creates the loss under a given name (the name DJL's training listeners report).
     *
     * @param name the display name
     */
    public SoftmaxCrossEntropy(String name) {
        super(name);
    }

    /**
     * Returns the batch-mean loss.
     *
     * @param labels head: class indices, int64 [N]
     * @param predictions head: logits z, [N, K]; other arrays ignored
     * @return a scalar array, the mean of the per-example losses
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return meanLoss(predictions.head(), labels.head());
    }

    /**
     * Returns the per-example losses −log softmax(z_i)_{y_i}.
     *
     * @param logits raw logits z, [N, K]
     * @param labels class indices y, int64 [N] (or [N, 1])
     * @return the losses, [N], same data type as the logits, differentiable w.r.t. the logits
     */
    public static NDArray perExample(NDArray logits, NDArray labels) {
        return trueClassLogProbability(logits, columnIndex(labels)).reshape(-1).neg();
    }

    /** Batch mean of −log softmax(z)_y; {@code labels} may be [N] or [N, 1]. */
    static NDArray meanLoss(NDArray logits, NDArray labels) {
        return trueClassLogProbability(logits, columnIndex(labels)).mean().neg();
    }

    /** log softmax(z)_y per example as an [N, 1] column; {@code index} is int64 [N, 1]. */
    static NDArray trueClassLogProbability(NDArray logits, NDArray index) {
        return logits.logSoftmax(1).gather(index, 1);
    }

    /** Class indices reshaped to the [N, 1] column that gather and scatter take. */
    static NDArray columnIndex(NDArray classes) {
        return classes.reshape(-1, 1);
    }
}
