package io.github.isce4j.loss;

import com.google.gson.JsonObject;
import io.github.isce4j.Ids;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The training objectives isce4j offers, by their CLI and config.json names: the list of losses,
 * each with its configuration's defaults and JSON reader.
 */
public enum LossName {
    /** Softmax cross-entropy on the raw logits. */
    SCE("sce", () -> SceConfig.DEFAULT, SceConfig::fromJson),
    /** Inference-Softmax Cross Entropy (Song et al. 2022). */
    ISCE("isce", () -> IsceConfig.DEFAULT, IsceConfig::fromJson),
    /** Cross-entropy against label-smoothed targets (Szegedy et al. 2016; Müller et al. 2019). */
    LABEL_SMOOTHING("label-smoothing", () -> LabelSmoothingConfig.DEFAULT, LabelSmoothingConfig::fromJson),
    /** Softmax cross-entropy plus the center loss of Wen et al. 2016. */
    CENTER("center", () -> CenterLossConfig.DEFAULT, CenterLossConfig::fromJson),
    /** Large-margin Gaussian mixture loss of Wan et al. 2018. */
    LGM("lgm", () -> LgmConfig.DEFAULT, LgmConfig::fromJson),
    /** Additive angular margin loss of Deng et al. 2019. */
    ARCFACE("arcface", () -> ArcFaceConfig.DEFAULT, ArcFaceConfig::fromJson),
    /** Max-Mahalanobis center loss of Pang et al. 2020. */
    MMC("mmc", () -> MmcConfig.DEFAULT, MmcConfig::fromJson);

    private final String id;
    // Suppliers, not values: the records' constants name these constants in turn.
    private final Supplier<LossConfig> defaults;
    private final Function<JsonObject, LossConfig> reader;

    LossName(String id, Supplier<LossConfig> defaults, Function<JsonObject, LossConfig> reader) {
        this.id = id;
        this.defaults = defaults;
        this.reader = reader;
    }

    /** @return the CLI / config.json name */
    public String id() {
        return id;
    }

    /** @return this loss with every setting at its default (docs/method.md §1–2) */
    public LossConfig defaults() {
        return defaults.get();
    }

    /**
     * @param json the JSON form of a configuration of this loss
     * @return the configuration; absent settings take their defaults
     */
    LossConfig fromJson(JsonObject json) {
        return reader.apply(json);
    }

    /**
     * @param name a CLI name such as {@code isce}
     * @return the loss
     * @throws IllegalArgumentException naming the valid choices when the name is unknown
     */
    public static LossName parse(String name) {
        return Ids.parse(values(), LossName::id, name, "loss", Ids.oneOf(values(), LossName::id));
    }
}
