package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.model.DecisionRule;
import java.util.Locale;
import java.util.Objects;

/**
 * I-SCE (docs/method.md §1) with a linear head: scale s, margin m and which reading of the loss, the
 * paper's equations or the authors' script ({@link IsceVariant}). The trained model deploys
 * I-SCE's boost ({@link InferenceSoftmaxCrossEntropy#deployedLogits}).
 *
 * @param scale s, finite and &gt; 0
 * @param margin m, finite and &ge; 0
 * @param variant the paper's equations or the authors' script
 */
public record IsceConfig(float scale, float margin, IsceVariant variant) implements LossConfig {

    /** The paper's scale s (§4.1). */
    public static final double DEFAULT_SCALE = 1.0;

    /** The paper's margin m, its "inference information" (§4.1). */
    public static final double DEFAULT_MARGIN = 0.1;

    /** The default variant by name, as the CLI and config.json spell it. */
    public static final String DEFAULT_VARIANT_NAME = "paper";

    /** The default variant: the paper's equations. */
    public static final IsceVariant DEFAULT_VARIANT = IsceVariant.parse(DEFAULT_VARIANT_NAME);

    /** The paper's default I-SCE: s = 1, m = 0.1, paper variant. */
    public static final IsceConfig DEFAULT =
            new IsceConfig((float) DEFAULT_SCALE, (float) DEFAULT_MARGIN, DEFAULT_VARIANT);

    private static final String SCALE = "s";
    private static final String MARGIN = "m";
    private static final String VARIANT = "isce_variant";

    /**
     * Checks s and m, refusing either with an {@link InvalidSetting} under its config.json name.
     *
     * @param scale s, finite and &gt; 0 (config.json: s)
     * @param margin m, finite and &ge; 0 (config.json: m)
     * @param variant the paper's equations or the authors' script, not null
     * @throws NullPointerException when {@code variant} is null
     */
    public IsceConfig {
        Objects.requireNonNull(variant, "variant");
        check(scale, margin);
    }

    /**
     * @param scale s
     * @param margin m
     * @return I-SCE as the paper's equations define it
     */
    public static IsceConfig paper(float scale, float margin) {
        return new IsceConfig(scale, margin, IsceVariant.PAPER);
    }

    /**
     * @param scale s
     * @param margin m
     * @return I-SCE as the authors' script computes it
     */
    public static IsceConfig code(float scale, float margin) {
        return new IsceConfig(scale, margin, IsceVariant.CODE);
    }

    /**
     * Checks I-SCE's settings, for this record and {@link InferenceSoftmaxCrossEntropy.Builder}.
     *
     * @throws InvalidSetting naming s or m when one is not finite or out of range
     */
    static void check(double scale, double margin) {
        InvalidSetting.require(
                scale > 0 && Double.isFinite(scale), SCALE, "must be a finite number > 0, got " + shown(scale));
        InvalidSetting.require(
                margin >= 0 && Double.isFinite(margin), MARGIN, "must be a finite number >= 0, got " + shown(margin));
    }

    /** A float widened to double prints as the float it was (-0.3, not -0.30000001192092896). */
    private static String shown(double x) {
        return (double) (float) x == x ? Float.toString((float) x) : Double.toString(x);
    }

    /**
     * @param json the JSON form; an absent setting takes its default
     * @return the configuration
     */
    static IsceConfig fromJson(JsonObject json) {
        IsceVariant variant =
                json.has(VARIANT) ? IsceVariant.parse(json.get(VARIANT).getAsString()) : DEFAULT.variant;
        return new IsceConfig(
                Settings.floatOr(json, SCALE, DEFAULT.scale), Settings.floatOr(json, MARGIN, DEFAULT.margin), variant);
    }

    @Override
    public LossName name() {
        return LossName.ISCE;
    }

    @Override
    public InferenceSoftmaxCrossEntropy trainingLoss() {
        return InferenceSoftmaxCrossEntropy.builder()
                .optScale(scale)
                .optMargin(margin)
                .optVariant(variant)
                .build();
    }

    @Override
    public Block head(int numClasses) {
        return Linear.builder().setUnits(numClasses).build();
    }

    /** @return I-SCE's boost with c = argmax t */
    @Override
    public DecisionRule decisionRule() {
        return trainingLoss()::deployedLogits;
    }

    /** @return e.g. {@code isce (paper variant, s=1.0, m=0.1)} */
    @Override
    public String describe() {
        return Settings.format("isce (%s variant, s=%s, m=%s)", variantName(), scale, margin);
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = Settings.json(name());
        json.addProperty(SCALE, scale);
        json.addProperty(MARGIN, margin);
        json.addProperty(VARIANT, variantName());
        return json;
    }

    private String variantName() {
        return variant.name().toLowerCase(Locale.ROOT);
    }
}
