package io.github.isce4j.reproduce;

import io.github.isce4j.loss.ArcFaceConfig;
import io.github.isce4j.loss.CenterLossConfig;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.LabelSmoothingConfig;
import io.github.isce4j.loss.LgmConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.MmcConfig;
import io.github.isce4j.loss.SceConfig;
import java.util.List;

/**
 * A row of the paper's comparisons: a training objective, possibly with PGD adversarial training
 * or wrapped at inference in random resize + pad. I-SCE appears twice, in the paper's variant and
 * in the authors' code variant, so the report shows which of the two produces the paper's numbers.
 */
public enum Method {
    /** Plain softmax cross-entropy, the baseline every other row is compared with. */
    SCE("SCE", SceConfig.DEFAULT),
    /** Cross-entropy on label-smoothed targets, ε = 0.1 (Szegedy et al. 2016). */
    LABEL_SMOOTHING("label smoothing", LabelSmoothingConfig.DEFAULT),
    /** SCE plus the center loss, λ = 0.01, α = 0.5 (Wen et al. 2016). */
    CENTER("center loss", CenterLossConfig.DEFAULT),
    /** The large-margin Gaussian mixture loss, α = 0.1, λ = 0.01 (Wan et al. 2018). */
    LGM("L-GM", LgmConfig.DEFAULT),
    /** The additive angular margin loss, S = 30, M = 0.5 (Deng et al. 2019). */
    ARCFACE("ArcFace", ArcFaceConfig.DEFAULT),
    /** The Max-Mahalanobis center loss, C_MM = 10 (Pang et al. 2020). */
    MMC("MMC", MmcConfig.DEFAULT),
    /** An SCE model wrapped at inference by random resize + pad (Xie 2018), attacked with exact EOT. */
    RANDOM("random resize + pad", SceConfig.DEFAULT),
    /** An SCE model trained on PGD examples (the paper's AT). */
    AT("PGD adversarial training", SceConfig.DEFAULT),
    /** I-SCE as the paper's equations define it, s = 1, m = 0.1. */
    ISCE("I-SCE (paper variant)", IsceConfig.DEFAULT),
    /** I-SCE as the authors' script computes it, s = 1, m = 0.1. */
    ISCE_CODE("I-SCE (code variant)", IsceConfig.code((float) IsceConfig.DEFAULT_SCALE, (float)
            IsceConfig.DEFAULT_MARGIN));

    /** The paper's "all methods" (docs/reproduce.md), I-SCE in both variants. */
    public static final List<Method> ALL = List.of(values());

    private final String label;
    private final LossConfig loss;

    Method(String label, LossConfig loss) {
        this.label = label;
        this.loss = loss;
    }

    /** @return how tables name it */
    public String label() {
        return label;
    }

    /** @return the training objective */
    public LossConfig loss() {
        return loss;
    }

    /** @return whether it is one of the two I-SCE rows */
    public boolean isce() {
        return this == ISCE || this == ISCE_CODE;
    }

    /** @return a short file-name-safe id */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
