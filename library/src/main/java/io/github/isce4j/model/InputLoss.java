package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * A per-example loss of a classifier's outputs whose input gradient an attack follows. Every loss
 * grows as the example moves away from {@code labels}: untargeted attacks ascend it against the
 * true label, targeted attacks descend it against the target.
 */
@FunctionalInterface
public interface InputLoss {

    /** Cross-entropy of the deployed probabilities against the labels (what the paper attacks). */
    InputLoss DEPLOYED_CROSS_ENTROPY = (logits, rule, labels) -> rule.deployedLogits(logits)
            .logSoftmax(1)
            .gather(labels.reshape(-1, 1), 1)
            .reshape(-1)
            .neg();

    /** The C&amp;W margin on the raw logits: max_{k≠y} z_k − z_y. */
    InputLoss MARGIN = (logits, rule, labels) -> {
        return largestOther(logits, labels).sub(own(logits, labels));
    };

    /**
     * The difference of logits ratio of Croce &amp; Hein (2020) on the raw logits:
     * (max_{k≠y} z_k − z_y) / (z_π1 − z_π3 + 1e-12), with π the logits sorted in descending
     * order. Its scale invariance defeats logit rescaling.
     */
    InputLoss DLR = (logits, rule, labels) -> {
        NDArray sorted = logits.sort(1);
        long k = logits.getShape().get(1);
        NDArray spread =
                sorted.get(":, {}", k - 1).sub(sorted.get(":, {}", k - 3)).add(Scalar.of(sorted, 1e-12f));
        return MARGIN.perExample(logits, rule, labels).div(spread);
    };

    /**
     * Croce &amp; Hein's targeted difference of logits ratio on the raw logits, to be descended
     * against the targets: (z_y − z_t) / (z_π1 − (z_π3 + z_π4) / 2 + 1e-12), y the true labels, t the
     * targets (passed as this loss's labels), π the logits sorted in descending order.
     *
     * @param trueLabels int64 true labels [N]
     * @return the loss, taking the targets as its labels
     */
    static InputLoss targetedDlr(NDArray trueLabels) {
        return (logits, rule, targets) -> {
            NDArray sorted = logits.sort(1);
            long k = logits.getShape().get(1);
            NDArray third =
                    sorted.get(":, {}", k - 3).add(sorted.get(":, {}", k - 4)).div(Scalar.of(sorted, 2));
            NDArray spread = sorted.get(":, {}", k - 1).sub(third).add(Scalar.of(sorted, 1e-12f));
            return own(logits, trueLabels).sub(own(logits, targets)).div(spread);
        };
    }

    /**
     * @param logits raw logits z [N, K]
     * @param rule the classifier's decision rule, for losses on the deployed output
     * @param labels int64 labels [N]
     * @return per-example losses [N]
     */
    NDArray perExample(NDArray logits, DecisionRule rule, NDArray labels);

    private static NDArray own(NDArray logits, NDArray labels) {
        return logits.gather(labels.reshape(-1, 1), 1).reshape(-1);
    }

    private static NDArray largestOther(NDArray logits, NDArray labels) {
        NDArray own = labels.oneHot((int) logits.getShape().get(1)).toType(DataType.BOOLEAN, false);
        // The own logit becomes −∞, which leaves the largest of the others on top at any logit
        // scale (subtracting a constant such as 1e9 changes nothing in float32 when logits are 1e30).
        NDArray below = logits.getManager().full(logits.getShape(), Float.NEGATIVE_INFINITY, logits.getDataType());
        return NDArrays.where(own, below, logits).max(new int[] {1});
    }
}
