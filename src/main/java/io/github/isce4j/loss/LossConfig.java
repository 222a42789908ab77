package io.github.isce4j.loss;

import ai.djl.training.loss.Loss;
import io.github.isce4j.model.DecisionRule;

import java.util.Locale;

/**
 * A training objective with its hyper-parameters: which loss, and for I-SCE the scale s, the
 * margin m and the variant (SPEC §1). It creates both the training loss and the decision rule the
 * trained model deploys.
 *
 * @param name which loss
 * @param scale I-SCE scale s (&gt; 0)
 * @param margin I-SCE margin m (&ge; 0)
 * @param variant I-SCE variant: the paper's equations or the authors' script
 */
public record LossConfig(LossName name, float scale, float margin, IsceVariant variant) {

    /** The paper's default I-SCE: s = 1, m = 0.1, paper variant. */
    public static final LossConfig ISCE_DEFAULT = new LossConfig(LossName.ISCE, 1f, 0.1f, IsceVariant.PAPER);

    /** Plain softmax cross-entropy. */
    public static final LossConfig SCE = new LossConfig(LossName.SCE, 1f, 0.1f, IsceVariant.PAPER);

    /** Validates the hyper-parameters of the chosen loss. */
    public LossConfig {
        if (name == LossName.ISCE) {
            isce(scale, margin, variant);
        }
    }

    /** @return a fresh training loss */
    public Loss trainingLoss() {
        return name == LossName.ISCE ? isce(scale, margin, variant) : new SoftmaxCrossEntropy();
    }

    /** @return the rule the trained model deploys */
    public DecisionRule decisionRule() {
        return name == LossName.ISCE ? isce(scale, margin, variant)::deployedLogits : DecisionRule.SOFTMAX;
    }

    /** @return e.g. {@code isce (paper variant, s=1, m=0.1)} */
    public String describe() {
        return name == LossName.ISCE
                ? String.format(Locale.ROOT, "isce (%s variant, s=%s, m=%s)",
                        variant.name().toLowerCase(Locale.ROOT), scale, margin)
                : name.id();
    }

    private static InferenceSoftmaxCrossEntropy isce(float s, float m, IsceVariant v) {
        return InferenceSoftmaxCrossEntropy.builder().optScale(s).optMargin(m).optVariant(v).build();
    }
}
