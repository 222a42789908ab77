package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;

/**
 * The Max-Mahalanobis center loss of Pang et al. 2020, with fixed class centers on a regular
 * simplex of norm C_MM; its logits are the negative squared distances (docs/method.md §2).
 *
 * @param radius the centers' norm C_MM, finite and &gt; 0
 */
public record MmcConfig(float radius) implements LossConfig {

    /** C_MM of docs/method.md §2. */
    public static final float DEFAULT_RADIUS = 10f;

    /** MMC with C_MM = 10. */
    public static final MmcConfig DEFAULT = new MmcConfig(DEFAULT_RADIUS);

    private static final String RADIUS = "mmc_c";

    /**
     * Checks C_MM, refusing it with an {@link InvalidSetting} under its config.json name.
     *
     * @param radius the centers' norm C_MM, finite and &gt; 0 (config.json: mmc_c)
     */
    public MmcConfig {
        Settings.requirePositive(radius, RADIUS);
    }

    /**
     * @param json the JSON form; an absent setting takes its default
     * @return the configuration
     */
    static MmcConfig fromJson(JsonObject json) {
        return new MmcConfig(Settings.floatOr(json, RADIUS, DEFAULT_RADIUS));
    }

    @Override
    public LossName name() {
        return LossName.MMC;
    }

    @Override
    public Loss trainingLoss() {
        return new MaxMahalanobisCenterLoss();
    }

    @Override
    public Block head(int numClasses) {
        return new MaxMahalanobisHead(numClasses, radius);
    }

    /** @return K: the simplex of K centers needs K coordinates */
    @Override
    public int minimumFeatureDim(int numClasses) {
        return MaxMahalanobisCenters.minimumDimension(numClasses);
    }

    /**
     * @return true: the fixed centers have pairwise negative inner products, so they cannot all lie
     *     in the non-negative orthant a ReLU feature is confined to
     */
    @Override
    public boolean needsLinearFeature() {
        return true;
    }

    /** @return e.g. {@code mmc (C_MM=10.0)} */
    @Override
    public String describe() {
        return Settings.format("mmc (C_MM=%s)", radius);
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = Settings.json(name());
        json.addProperty(RADIUS, radius);
        return json;
    }
}
