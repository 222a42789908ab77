package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;

/**
 * The additive angular margin loss of Deng et al. 2019, with a cosine head whose logits are
 * S·cos θ (docs/method.md §2).
 *
 * @param s logit scale S, finite and &gt; 0
 * @param m additive angular margin M in radians, in [0, π/2]; training only
 */
public record ArcFaceConfig(float s, float m) implements LossConfig {

    /** S for 10-class small images (docs/method.md §2; the face papers use 64). */
    public static final float DEFAULT_S = 30f;

    /** M of docs/method.md §2, in radians. */
    public static final float DEFAULT_M = 0.5f;

    /** ArcFace with S = 30, M = 0.5. */
    public static final ArcFaceConfig DEFAULT = new ArcFaceConfig(DEFAULT_S, DEFAULT_M);

    private static final String SCALE = "arcface_s";
    private static final String MARGIN = "arcface_m";

    /**
     * Checks S and M, refusing either with an {@link InvalidSetting} under its config.json name.
     *
     * @param s logit scale S, finite and &gt; 0 (config.json: arcface_s)
     * @param m additive angular margin M in radians, in [0, π/2] (config.json: arcface_m)
     */
    public ArcFaceConfig {
        Settings.requirePositive(s, SCALE);
        InvalidSetting.require(m >= 0 && m <= Math.PI / 2, MARGIN, "must be in [0, pi/2] radians, got " + m);
    }

    /**
     * @param json the JSON form; an absent setting takes its default
     * @return the configuration
     */
    static ArcFaceConfig fromJson(JsonObject json) {
        return new ArcFaceConfig(Settings.floatOr(json, SCALE, DEFAULT_S), Settings.floatOr(json, MARGIN, DEFAULT_M));
    }

    @Override
    public LossName name() {
        return LossName.ARCFACE;
    }

    @Override
    public Loss trainingLoss() {
        return new ArcFace(s, m);
    }

    @Override
    public Block head(int numClasses) {
        return new CosineHead(numClasses, s);
    }

    /** @return e.g. {@code arcface (S=30.0, M=0.5)} */
    @Override
    public String describe() {
        return Settings.format("arcface (S=%s, M=%s)", s, m);
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = Settings.json(name());
        json.addProperty(SCALE, s);
        json.addProperty(MARGIN, m);
        return json;
    }
}
