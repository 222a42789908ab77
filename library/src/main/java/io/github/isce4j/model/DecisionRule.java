package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;

/**
 * How a trained model turns its raw logits z into the output it deploys: the deployed
 * probabilities are {@code softmax(deployedLogits(z))}. Plain softmax returns z itself; I-SCE
 * returns its boosted logits (docs/method.md §1). Prediction is always argmax z.
 */
@FunctionalInterface
public interface DecisionRule {

    /** Plain softmax over the raw logits. */
    DecisionRule SOFTMAX = z -> z;

    /**
     * @param logits raw logits z [N, K]
     * @return the logits whose softmax is the deployed output [N, K]
     */
    NDArray deployedLogits(NDArray logits);
}
