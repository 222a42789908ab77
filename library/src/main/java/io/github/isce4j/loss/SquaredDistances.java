package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;

/** ‖h_i − μ_k‖² for every example i and class center k, batched. */
final class SquaredDistances {

    private SquaredDistances() {}

    /**
     * Computed from the differences themselves rather than ‖h‖² − 2h·μ + ‖μ‖², which loses
     * precision when a feature sits close to a center, as these losses make them.
     *
     * @param features h, [N, D]
     * @param centers μ, [K, D], owned by the batch's manager (see {@link ParameterView})
     * @return the squared distances, [N, K], differentiable w.r.t. both
     */
    static NDArray of(NDArray features, NDArray centers) {
        return features.expandDims(1).sub(centers.expandDims(0)).square().sum(new int[] {2});
    }
}
