package io.github.isce4j.reproduce;

import java.util.List;
import java.util.Map;

/** The numbers the paper prints (docs/method.md §6), in percent, to put beside ours. */
final class Paper {

    private Paper() {}

    /** Table 1 (MNIST, ResNet-32): clean, PGD-50-un ε 0.02, 0.04, PGD-50-tar ε 0.02, 0.04. */
    static final Map<Method, List<Double>> TABLE1 = Map.of(
            Method.ISCE, List.of(99.57, 63.47, 46.41, 12.74, 6.78),
            Method.AT, List.of(99.25, 13.62, 0.74, 6.73, 0.01));

    /** Table 2 (CIFAR-10, ResNet-32): clean, PGD-50-un ε 0.01, 0.04, PGD-50-tar ε 0.01, 0.04. */
    static final Map<Method, List<Double>> TABLE2 = Map.of(
            Method.ISCE, List.of(89.09, 14.82, 5.51, 5.26, 1.95),
            Method.AT, List.of(83.48, 7.87, 7.15, 0.08, 0.07));

    /** Table 3, MNIST (300 queries): clean, SimBA final L2 ≤ 0.5, 1, 1.5. */
    static final Map<Method, List<Double>> TABLE3_MNIST = Map.of(
            Method.SCE, List.of(99.33, 97.00, 91.23, 88.43),
            Method.CENTER, List.of(99.25, 96.20, 91.04, 88.17),
            Method.MMC, List.of(99.18, 98.38, 97.42, 96.15),
            Method.ISCE, List.of(99.40, 98.73, 97.90, 97.10));

    /** Table 3, CIFAR-10 (500 queries). */
    static final Map<Method, List<Double>> TABLE3_CIFAR = Map.of(
            Method.SCE, List.of(90.17, 77.60, 72.77, 70.17),
            Method.CENTER, List.of(89.27, 81.80, 77.94, 76.48),
            Method.MMC, List.of(89.77, 82.57, 77.83, 76.17),
            Method.ISCE, List.of(89.63, 85.93, 83.33, 82.07));

    /**
     * The paper's number for a method: the I-SCE rows compare with the paper's I-SCE, which the
     * paper ran in one variant without saying which.
     */
    static List<Double> of(Map<Method, List<Double>> table, Method method) {
        return table.get(method == Method.ISCE_CODE ? Method.ISCE : method);
    }
}
