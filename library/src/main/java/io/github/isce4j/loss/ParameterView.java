package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * PyTorch-engine results belong to the manager of their first operand, so an operation that
 * starts from a parameter would leave its result on the model's manager, which lives as long as
 * the model: memory would grow with every batch. A head therefore works on a view of each
 * parameter that belongs to the batch's manager; gradients still reach the parameter.
 */
final class ParameterView {

    private ParameterView() {}

    /**
     * @param parameter a parameter's array (owned by the model)
     * @param batch any array of the current batch
     * @return a view of {@code parameter} owned by {@code batch}'s manager
     */
    static NDArray of(NDArray parameter, NDArray batch) {
        NDArray view = parameter.reshape(parameter.getShape());
        view.attach(batch.getManager());
        return view;
    }
}
