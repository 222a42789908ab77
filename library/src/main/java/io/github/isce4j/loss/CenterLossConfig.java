package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;

/**
 * Softmax cross-entropy plus the center loss of Wen et al. 2016 on the feature h, with a head
 * that holds the class centers (docs/method.md §2).
 *
 * @param lambda weight λ of the center term λ/2·mean‖h − c_y‖², finite and &ge; 0
 * @param alpha update rate α of the centers, in (0, 1]
 */
public record CenterLossConfig(float lambda, float alpha) implements LossConfig {

    /** λ of docs/method.md §2. */
    public static final float DEFAULT_LAMBDA = 0.01f;

    /** α of docs/method.md §2. */
    public static final float DEFAULT_ALPHA = 0.5f;

    /** The center loss with λ = 0.01, α = 0.5. */
    public static final CenterLossConfig DEFAULT = new CenterLossConfig(DEFAULT_LAMBDA, DEFAULT_ALPHA);

    private static final String LAMBDA = "center_lambda";
    private static final String ALPHA = "center_alpha";

    /**
     * Checks λ and α, refusing either with an {@link InvalidSetting} under its config.json name.
     *
     * @param lambda weight λ of the center term, finite and &ge; 0 (config.json: center_lambda)
     * @param alpha update rate α of the centers, in (0, 1] (config.json: center_alpha)
     */
    public CenterLossConfig {
        Settings.requireNonNegative(lambda, LAMBDA);
        InvalidSetting.require(alpha > 0 && alpha <= 1, ALPHA, "must be in (0, 1], got " + alpha);
    }

    /**
     * @param json the JSON form; an absent setting takes its default
     * @return the configuration
     */
    static CenterLossConfig fromJson(JsonObject json) {
        return new CenterLossConfig(
                Settings.floatOr(json, LAMBDA, DEFAULT_LAMBDA), Settings.floatOr(json, ALPHA, DEFAULT_ALPHA));
    }

    @Override
    public LossName name() {
        return LossName.CENTER;
    }

    @Override
    public Loss trainingLoss() {
        return new CenterLoss(lambda, alpha);
    }

    @Override
    public Block head(int numClasses) {
        return new CenterLossHead(numClasses);
    }

    /** @return e.g. {@code center (lambda=0.01, alpha=0.5)} */
    @Override
    public String describe() {
        return Settings.format("center (lambda=%s, alpha=%s)", lambda, alpha);
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = Settings.json(name());
        json.addProperty(LAMBDA, lambda);
        json.addProperty(ALPHA, alpha);
        return json;
    }
}
