package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import io.github.isce4j.model.DecisionRule;

/**
 * A training objective with its hyper-parameters (docs/method.md §1–2): one record per loss, each holding
 * its own settings with their defaults and checking them when it is built. A configuration
 * creates the three things that depend on the loss: the network's head (linear, cosine,
 * Gaussian-mixture or Max-Mahalanobis), the training loss and the decision rule the trained model
 * deploys.
 *
 * <p>Two runs train the same objective exactly when their configurations are equal. The JSON
 * form is a flat object: {@code "loss"} (the {@link LossName} id) and the loss's own settings,
 * under the names config.json has always used; {@link #fromJson} reads files of every isce4j
 * version, which recorded the settings of every loss, chosen or not.
 *
 * <p>Adding a loss: one record implementing this interface, named in {@code permits} and in
 * {@link LossName}.
 */
public sealed interface LossConfig
        permits SceConfig, IsceConfig, LabelSmoothingConfig, CenterLossConfig, LgmConfig, ArcFaceConfig, MmcConfig {

    /** The JSON key that names the loss. */
    String LOSS_KEY = "loss";

    /**
     * @param name which loss
     * @return that loss with every setting at its default (docs/method.md §1–2)
     */
    static LossConfig of(LossName name) {
        return name.defaults();
    }

    /**
     * Reads a configuration from its JSON form; a setting that is absent takes its default, and
     * the settings of other losses are ignored.
     *
     * @param json an object with {@code "loss"} and the loss's settings, e.g. config.json's
     *     {@code "training"} section
     * @return the configuration
     * @throws IllegalArgumentException when a setting is invalid or the loss is not named
     */
    static LossConfig fromJson(JsonObject json) {
        if (!json.has(LOSS_KEY)) {
            throw new IllegalArgumentException("the loss configuration has no \"" + LOSS_KEY + "\" entry");
        }
        return LossName.parse(json.get(LOSS_KEY).getAsString()).fromJson(json);
    }

    /** @return which loss this configures */
    LossName name();

    /** @return a fresh training loss */
    Loss trainingLoss();

    /**
     * The head this loss trains: it maps the feature h to the logits attacks and predictions use
     * (negative distances for L-GM and MMC, S·cos θ for ArcFace, a linear layer otherwise).
     *
     * @param numClasses K
     * @return a fresh, uninitialised block mapping h [N, D] to [z, extras...]
     */
    Block head(int numClasses);

    /** @return e.g. {@code isce (paper variant, s=1.0, m=0.1)} or {@code arcface (S=30.0, M=0.5)} */
    String describe();

    /**
     * @return the JSON form: {@code "loss"} and this loss's settings, in a fresh object
     */
    JsonObject toJson();

    /**
     * @param numClasses K
     * @return the smallest feature width the head accepts (1 unless the head needs more)
     */
    default int minimumFeatureDim(int numClasses) {
        return 1;
    }

    /**
     * @return whether the head needs a feature that can be negative, i.e. one that ends in a
     *     linear layer rather than a ReLU
     */
    default boolean needsLinearFeature() {
        return false;
    }

    /** @return the rule the trained model deploys: plain softmax unless the loss says otherwise */
    default DecisionRule decisionRule() {
        return DecisionRule.SOFTMAX;
    }
}
