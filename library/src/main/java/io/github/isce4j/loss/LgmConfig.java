package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;

/**
 * The large-margin Gaussian mixture loss of Wan et al. 2018, with a head of learned class means
 * whose logits are the negative distances (docs/method.md §2).
 *
 * @param alpha margin α: in training the true class's distance counts (1 + α) times; finite, &ge; 0
 * @param lambda weight λ of the likelihood term λ·mean d_y, finite and &ge; 0
 */
public record LgmConfig(float alpha, float lambda) implements LossConfig {

    /** α of docs/method.md §2. */
    public static final float DEFAULT_ALPHA = 0.1f;

    /** λ of docs/method.md §2. */
    public static final float DEFAULT_LAMBDA = 0.01f;

    /** L-GM with α = 0.1, λ = 0.01. */
    public static final LgmConfig DEFAULT = new LgmConfig(DEFAULT_ALPHA, DEFAULT_LAMBDA);

    private static final String ALPHA = "lgm_alpha";
    private static final String LAMBDA = "lgm_lambda";

    /**
     * Checks α and λ, refusing either with an {@link InvalidSetting} under its config.json name.
     *
     * @param alpha margin α, finite and &ge; 0 (config.json: lgm_alpha)
     * @param lambda weight λ of the likelihood term, finite and &ge; 0 (config.json: lgm_lambda)
     */
    public LgmConfig {
        Settings.requireNonNegative(alpha, ALPHA);
        Settings.requireNonNegative(lambda, LAMBDA);
    }

    /**
     * @param json the JSON form; an absent setting takes its default
     * @return the configuration
     */
    static LgmConfig fromJson(JsonObject json) {
        return new LgmConfig(
                Settings.floatOr(json, ALPHA, DEFAULT_ALPHA), Settings.floatOr(json, LAMBDA, DEFAULT_LAMBDA));
    }

    @Override
    public LossName name() {
        return LossName.LGM;
    }

    @Override
    public Loss trainingLoss() {
        return new LargeMarginGaussianMixture(alpha, lambda);
    }

    @Override
    public Block head(int numClasses) {
        return new GaussianMixtureHead(numClasses);
    }

    /** @return e.g. {@code lgm (alpha=0.1, lambda=0.01)} */
    @Override
    public String describe() {
        return Settings.format("lgm (alpha=%s, lambda=%s)", alpha, lambda);
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = Settings.json(name());
        json.addProperty(ALPHA, alpha);
        json.addProperty(LAMBDA, lambda);
        return json;
    }
}
