package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;

/** Plain softmax cross-entropy on the raw logits, with a linear head; it has no settings. */
public record SceConfig() implements LossConfig {

    /** The one SCE configuration. */
    public static final SceConfig DEFAULT = new SceConfig();

    /**
     * @param json the JSON form (only {@code "loss"} is read)
     * @return SCE
     */
    static SceConfig fromJson(JsonObject json) {
        return DEFAULT;
    }

    @Override
    public LossName name() {
        return LossName.SCE;
    }

    @Override
    public Loss trainingLoss() {
        return new SoftmaxCrossEntropy();
    }

    @Override
    public Block head(int numClasses) {
        return Linear.builder().setUnits(numClasses).build();
    }

    /** @return {@code sce} */
    @Override
    public String describe() {
        return name().id();
    }

    @Override
    public JsonObject toJson() {
        return Settings.json(name());
    }
}
