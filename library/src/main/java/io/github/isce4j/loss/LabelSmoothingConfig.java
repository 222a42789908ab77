package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;

/**
 * Cross-entropy against label-smoothed targets (1 − ε)·onehot(y) + ε/K, with a linear head
 * (docs/method.md §2).
 *
 * @param epsilon ε in [0, 1]
 */
public record LabelSmoothingConfig(float epsilon) implements LossConfig {

    /** ε of Szegedy et al. 2016. */
    public static final float DEFAULT_EPSILON = 0.1f;

    /** Label smoothing with ε = 0.1. */
    public static final LabelSmoothingConfig DEFAULT = new LabelSmoothingConfig(DEFAULT_EPSILON);

    private static final String EPSILON = "label_smoothing_epsilon";

    /**
     * Checks ε, refusing it with an {@link InvalidSetting} under its config.json name.
     *
     * @param epsilon ε in [0, 1] (config.json: label_smoothing_epsilon)
     */
    public LabelSmoothingConfig {
        InvalidSetting.require(epsilon >= 0 && epsilon <= 1, EPSILON, "must be in [0, 1], got " + epsilon);
    }

    /**
     * @param json the JSON form; an absent setting takes its default
     * @return the configuration
     */
    static LabelSmoothingConfig fromJson(JsonObject json) {
        return new LabelSmoothingConfig(Settings.floatOr(json, EPSILON, DEFAULT_EPSILON));
    }

    @Override
    public LossName name() {
        return LossName.LABEL_SMOOTHING;
    }

    @Override
    public Loss trainingLoss() {
        return new LabelSmoothingCrossEntropy(epsilon);
    }

    @Override
    public Block head(int numClasses) {
        return Linear.builder().setUnits(numClasses).build();
    }

    /** @return e.g. {@code label-smoothing (epsilon=0.1)} */
    @Override
    public String describe() {
        return Settings.format("label-smoothing (epsilon=%s)", epsilon);
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = Settings.json(name());
        json.addProperty(EPSILON, epsilon);
        return json;
    }
}
