package io.github.isce4j.reproduce;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.loss.LossName;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.train.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The convergence gate (docs/reproduce.md, Verdicts): a trained model is fit to judge a claim on only
 * when its clean test accuracy (the last epoch of its metrics.json) reaches the bar of its network,
 * dataset and method, the reference minus a tolerance. The reference is the paper's own clean
 * accuracy where it prints one ({@link Paper#clean}); elsewhere a stated one. A claim resting on a
 * model below its bar is not tested at this budget.
 */
final class Convergence {

    private Convergence() {}

    /**
     * Points a model may fall short of its reference: the verdict rule's margin for a robust
     * accuracy, so a model that misses the paper's clean accuracy by more than the rule forgives any
     * number is not taken for the paper's model.
     */
    static final double TOLERANCE = 5;

    /**
     * Points an adversarially trained model of another size than the paper's AT (Fig. 7) may fall
     * short: its clean accuracy falls with the size by design (Fig. 7's clean curve), so its bar only
     * asks that it learned.
     */
    static final double AT_SIZES_TOLERANCE = 20;

    /** LeNet-5 on MNIST, percent: LeCun et al. (1998) report 0.95 % test error; the paper gives none. */
    static final double LENET_MNIST = 99.0;

    /** An 8-layer CNN on CIFAR-10 without augmentation, percent: a common level; the paper gives none. */
    static final double CNN_CIFAR = 80.0;

    /**
     * What a model's clean accuracy must reach.
     *
     * @param reference the clean accuracy it is compared with, percent
     * @param tolerance how far below it the model may be, points
     * @param source where the reference comes from
     */
    record Bar(double reference, double tolerance, String source) {

        /** @return reference minus tolerance, percent */
        double value() {
            return reference - tolerance;
        }
    }

    /**
     * A model below its bar, the reason a claim resting on it is not tested.
     *
     * @param model the model's name, e.g. "ResNet-32 MNIST SCE"
     * @param clean its clean test accuracy after its last epoch, percent
     * @param bar the bar it misses
     */
    record Shortfall(String model, double clean, Bar bar) {

        /** @return e.g. "ResNet-32 MNIST SCE: clean 45.0 % < bar 94.3 % (Table 3's 99.33 − 5)" */
        String reason() {
            return String.format(
                    Locale.ROOT,
                    "%s: clean %.1f %% < bar %.1f %% (%s %s − %s)",
                    model,
                    clean,
                    bar.value(),
                    bar.source(),
                    Paper.print(bar.reference()),
                    Paper.print(bar.tolerance()));
        }
    }

    /**
     * @param config a trained model's configuration
     * @return its bar: the paper's clean accuracy of its method (SCE's where the paper prints none
     *     for the method) on ResNet-32, the stated reference on LeNet-5 and CNN-8
     */
    static Bar bar(TrainingConfig config) {
        Method method = method(config);
        Architecture network = config.model();
        DatasetName dataset = config.dataset();
        boolean otherSize =
                method == Method.AT && Math.abs(config.adversarial().pgd().eps() - 5 * Paper.AT_SIZE) > 1e-9;
        double tolerance = otherSize ? AT_SIZES_TOLERANCE : TOLERANCE;
        if (network == Architecture.LENET5 && dataset == DatasetName.MNIST) {
            return new Bar(LENET_MNIST, tolerance, "LeNet-5's published");
        }
        if (network != Paper.TABLE3_NETWORK) {
            return new Bar(CNN_CIFAR, tolerance, "a plain CNN's");
        }
        String table = method == Method.AT || method == Method.ISCE
                ? (dataset == DatasetName.MNIST ? "Table 1's" : "Table 2's")
                : "Table 3's";
        double paper = Paper.clean(network, dataset, method);
        if (Double.isNaN(paper)) {
            return new Bar(Paper.clean(network, dataset, Method.SCE), tolerance, "Table 3's SCE");
        }
        return new Bar(paper, tolerance, table);
    }

    /** @return the method a configuration trains: AT when adversarial, else the method of its loss */
    static Method method(TrainingConfig config) {
        if (config.adversarial() != null) {
            return Method.AT;
        }
        LossName loss = config.loss().name();
        for (Method m : List.of(
                Method.SCE,
                Method.LABEL_SMOOTHING,
                Method.CENTER,
                Method.LGM,
                Method.ARCFACE,
                Method.MMC,
                Method.ISCE)) {
            if (m.loss().name() == loss) {
                return m;
            }
        }
        throw new IllegalArgumentException("no method trains with loss " + loss.id());
    }

    /**
     * @param r the finished cells' results
     * @param model a trained model
     * @return its shortfall, or null when it reaches its bar or has not finished training
     */
    static Shortfall check(Results r, TrainingCell model) {
        double clean = r.trainedClean(model);
        Bar bar = bar(model.config());
        return !Double.isNaN(clean) && clean < bar.value() ? new Shortfall(model.name(), clean, bar) : null;
    }

    /**
     * @param r the finished cells' results
     * @param cells the cells a number rests on
     * @return the shortfalls of the models they evaluate (or are), each model once, in order
     */
    static List<Shortfall> shortfalls(Results r, List<? extends Cell> cells) {
        Map<String, Shortfall> found = new LinkedHashMap<>();
        for (Cell c : cells) {
            TrainingCell model = c instanceof TrainingCell t ? t : c instanceof ModelEvaluation e ? e.model() : null;
            if (model != null && !found.containsKey(model.key())) {
                found.put(model.key(), check(r, model));
            }
        }
        List<Shortfall> below = new ArrayList<>();
        found.values().stream().filter(s -> s != null).forEach(below::add);
        return below;
    }
}
