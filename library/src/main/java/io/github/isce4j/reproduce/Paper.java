package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.model.Architecture;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the paper states that the reproduction compares with or runs at (docs/method.md §6):
 * its printed accuracies in percent, the differences its text claims in points, and its attack
 * settings. Nothing else in the package spells one of these numbers.
 */
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
            Method.ISCE, List.of(99.40, 98.73, 97.90, 97.10),
            Method.RANDOM, List.of(98.90, 94.84, 92.32, 86.12),
            Method.AT, List.of(98.86, 97.32, 66.98, 49.94));

    /** Table 3, CIFAR-10 (500 queries). */
    static final Map<Method, List<Double>> TABLE3_CIFAR = Map.of(
            Method.SCE, List.of(90.17, 77.60, 72.77, 70.17),
            Method.CENTER, List.of(89.27, 81.80, 77.94, 76.48),
            Method.MMC, List.of(89.77, 82.57, 77.83, 76.17),
            Method.ISCE, List.of(89.63, 85.93, 83.33, 82.07),
            Method.RANDOM, List.of(89.48, 76.54, 72.74, 71.30),
            Method.AT, List.of(83.46, 80.14, 75.40, 72.22));

    /** Table 3's network. */
    static final Architecture TABLE3_NETWORK = Architecture.RESNET32;
    /** Table 3's bounds on the final L2 norm of SimBA's perturbation. */
    static final List<Double> SIMBA_BOUNDS = List.of(0.5, 1.0, 1.5);

    /** The size of the paper's PGD adversarial training (its units). */
    static final double AT_SIZE = 0.02;
    /** Fig. 7's four curves: (size, steps). */
    static final double[][] FIG7_CURVES = {{0.03, 10}, {0.03, 30}, {0.06, 10}, {0.06, 30}};
    /** Fig. 3's constants: the mean normalised logit f of the true class and S = Σ_{j≠y} e^{t_j}. */
    static final double FIG3_F = 0.97;

    static final double FIG3_S = 8;

    /**
     * A lead the paper's text claims for I-SCE, in points.
     *
     * @param setting the network and dataset
     * @param rival the method it leads; null for every other method
     * @param points the lead D
     */
    record Lead(Setting setting, Method rival, double points) {}

    /** Claim 1 (§4.2, Table 1's text): I-SCE's lead under PGD-50-un on ResNet-32 MNIST. */
    static final List<Lead> CLAIM1 = List.of(
            new Lead(Setting.RESNET_MNIST, Method.SCE, 63.13),
            new Lead(Setting.RESNET_MNIST, Method.CENTER, 60.31),
            new Lead(Setting.RESNET_MNIST, Method.LGM, 61.06),
            new Lead(Setting.RESNET_MNIST, Method.MMC, 17.41));
    /** Claim 2 (§4.3): I-SCE's lead under PGD-50-un on the shallow networks, over SCE, then over every other method. */
    static final List<Lead> CLAIM2 = List.of(
            new Lead(Setting.LENET_MNIST, Method.SCE, 97),
            new Lead(Setting.CNN_CIFAR, Method.SCE, 79),
            new Lead(Setting.LENET_MNIST, null, 48),
            new Lead(Setting.CNN_CIFAR, null, 55));
    /** Claim 3 (§4.2): I-SCE's lead under DeepFool over every competitor, points, in most cases. */
    static final double CLAIM3_DEEPFOOL_LEAD = 50;

    /**
     * @param dataset MNIST or CIFAR-10
     * @return the paper's PGD ε (per-step sizes in its own units, run in the paper protocol and as L2 radii)
     */
    static List<Double> eps(DatasetName dataset) {
        return dataset == DatasetName.MNIST ? List.of(0.02, 0.04) : List.of(0.01, 0.04);
    }

    /**
     * @param dataset MNIST or CIFAR-10
     * @return SimBA's query budget per image (300 MNIST, 500 CIFAR-10)
     */
    static int simbaQueries(DatasetName dataset) {
        return dataset == DatasetName.MNIST ? 300 : 500;
    }

    /** @return Table 3's rows of the dataset */
    static Map<Method, List<Double>> table3(DatasetName dataset) {
        return dataset == DatasetName.MNIST ? TABLE3_MNIST : TABLE3_CIFAR;
    }

    /**
     * The paper's number for a method: the I-SCE rows compare with the paper's I-SCE, which the
     * paper ran in one variant without saying which.
     */
    static List<Double> of(Map<Method, List<Double>> table, Method method) {
        return table.get(method == Method.ISCE_CODE ? Method.ISCE : method);
    }

    /**
     * The paper's clean accuracy of a method's model, where it prints one: Tables 1 and 2 for I-SCE and
     * AT, Table 3 for SCE, center loss and MMC, all ResNet-32 (its text gives none for LeNet-5 or CNN-8).
     *
     * @param network the network
     * @param dataset MNIST or CIFAR-10
     * @param method the method; the two I-SCE variants share the paper's I-SCE
     * @return percent; NaN where the paper prints none
     */
    static double clean(Architecture network, DatasetName dataset, Method method) {
        if (network != TABLE3_NETWORK) {
            return Double.NaN;
        }
        Map<Method, List<Double>> pgd = dataset == DatasetName.MNIST ? TABLE1 : TABLE2;
        List<Double> row = of(pgd, method);
        if (row == null) {
            row = of(table3(dataset), method);
        }
        return row == null ? Double.NaN : row.get(0);
    }

    /** @return a number as the paper prints it: 97, 63.13 */
    static String print(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** @return "a − b" as the claims' text quotes a difference of two of the paper's numbers */
    static String difference(double a, double b) {
        return String.format(Locale.ROOT, "%s − %s", print(a), print(b));
    }
}
