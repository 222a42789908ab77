package io.github.isce4j.loss;

import ai.djl.ndarray.NDList;

/**
 * A training loss that also moves training state by its own rule rather than by gradient
 * descent: the center loss moves its class centers toward the batch's features (Wen et al. 2016).
 * The trainer calls {@link #update} once per step, after the backward pass, so the gradient of
 * the step is taken at the state before the update.
 */
public interface StateUpdate {

    /**
     * @param labels the step's labels, as given to {@code evaluate}
     * @param predictions the step's network output {@code [z, h, extras...]}, as given to
     *     {@code evaluate}
     */
    void update(NDList labels, NDList predictions);
}
