package io.github.isce4j.cli;

import io.github.isce4j.data.DatasetName;
import io.github.isce4j.defense.RandomResizePadding;
import io.github.isce4j.model.Classifier;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --defense} option of the commands that evaluate a model: an inference-time wrapper. */
final class DefenseOption {

    @Option(
            names = "--defense",
            defaultValue = "none",
            paramLabel = "D",
            description =
                    "none, or random-pad: Xie et al.'s random resize and zero-pad at inference (29 patterns "
                            + "on MNIST, 54 on CIFAR-10); white-box gradients use the exact expectation over all patterns "
                            + "(EOT), every prediction draws a fresh pattern per image, seeded by --seed (default: ${DEFAULT-VALUE}).")
    String defense;

    /** @throws UserError for an unknown defense, before any model is loaded */
    boolean randomPad() {
        switch (defense.toLowerCase(Locale.ROOT).trim()) {
            case "none":
                return false;
            case "random-pad":
                return true;
            default:
                throw new UserError("unknown defense '" + defense + "'; choose none or random-pad");
        }
    }

    /**
     * @param classifier the model; the wrapper holds no native memory of its own, so closing the
     *     model is enough
     * @param dataset what it classifies
     * @param seed seeds the wrapper's random patterns
     * @return the model behind the chosen defense
     */
    Classifier wrap(Classifier classifier, DatasetName dataset, long seed) {
        return randomPad() ? new RandomResizePadding(classifier, dataset.height(), seed) : classifier;
    }

    /** @return the classifier's description with how the defense is evaluated */
    String describe(Classifier classifier) {
        return classifier.description()
                + (randomPad()
                        ? " (white-box gradients: exact EOT over all patterns; "
                                + "predictions: a fresh random pattern per image and query)"
                        : "");
    }
}
