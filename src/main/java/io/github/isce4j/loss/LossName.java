package io.github.isce4j.loss;

import io.github.isce4j.Ids;
import io.github.isce4j.UserError;

/** The training objectives isce4j offers, by their CLI names. */
public enum LossName {
    /** Softmax cross-entropy on the raw logits. */
    SCE("sce"),
    /** Inference-Softmax Cross Entropy (Song et al. 2022). */
    ISCE("isce"),
    /** Cross-entropy against label-smoothed targets (Szegedy et al. 2016; Müller et al. 2019). */
    LABEL_SMOOTHING("label-smoothing"),
    /** Softmax cross-entropy plus the center loss of Wen et al. 2016. */
    CENTER("center"),
    /** Large-margin Gaussian mixture loss of Wan et al. 2018. */
    LGM("lgm"),
    /** Additive angular margin loss of Deng et al. 2019. */
    ARCFACE("arcface"),
    /** Max-Mahalanobis center loss of Pang et al. 2020. */
    MMC("mmc");

    private final String id;

    LossName(String id) {
        this.id = id;
    }

    /** @return the CLI / config.json name */
    public String id() {
        return id;
    }

    /**
     * @param name a CLI name such as {@code isce}
     * @return the loss
     * @throws UserError naming the valid choices when the name is unknown
     */
    public static LossName parse(String name) {
        return Ids.parse(values(), LossName::id, name, "loss", Ids.oneOf(values(), LossName::id));
    }
}
