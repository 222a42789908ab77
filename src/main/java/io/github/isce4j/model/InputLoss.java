package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;

/**
 * A per-example loss of a classifier's outputs whose input gradient an attack follows, e.g.
 * cross-entropy on the deployed output or the C&amp;W margin on the raw logits.
 */
@FunctionalInterface
public interface InputLoss {

    /** Cross-entropy of the deployed probabilities against the labels (what the paper attacks). */
    InputLoss DEPLOYED_CROSS_ENTROPY =
            (logits, rule, labels) -> rule.deployedLogits(logits).logSoftmax(1)
                    .gather(labels.reshape(-1, 1), 1).reshape(-1).neg();

    /**
     * @param logits raw logits z [N, K]
     * @param rule the classifier's decision rule, for losses on the deployed output
     * @param labels int64 labels [N]
     * @return per-example losses [N]; attacks ascend (or, targeted, descend) them
     */
    NDArray perExample(NDArray logits, DecisionRule rule, NDArray labels);
}
