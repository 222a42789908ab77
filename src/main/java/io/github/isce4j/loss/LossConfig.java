package io.github.isce4j.loss;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import io.github.isce4j.UserError;
import io.github.isce4j.model.DecisionRule;

import java.util.Locale;
import java.util.Objects;

/**
 * A training objective with its hyper-parameters (docs/method.md §1–2): which loss, the I-SCE settings and
 * the settings of every baseline. It creates the three things that depend on the loss: the
 * network's head (linear, cosine, Gaussian-mixture or Max-Mahalanobis), the training loss and
 * the decision rule the trained model deploys.
 *
 * <p>Every field is recorded in config.json, also those of losses not chosen, so two runs are
 * the same exactly when their configurations are equal. Build one with {@link #builder}; only
 * the chosen loss's settings are validated.
 *
 * @param name which loss
 * @param scale I-SCE scale s (&gt; 0)
 * @param margin I-SCE margin m (&ge; 0)
 * @param variant I-SCE variant: the paper's equations or the authors' script
 * @param smoothing label smoothing ε in [0, 1]
 * @param centerWeight center loss weight λ (&ge; 0)
 * @param centerRate center loss center update rate α in (0, 1]
 * @param lgmMargin L-GM margin α (&ge; 0)
 * @param lgmWeight L-GM likelihood weight λ (&ge; 0)
 * @param arcScale ArcFace scale S (&gt; 0)
 * @param arcMargin ArcFace angular margin M in [0, π/2]
 * @param mmcRadius MMC center norm C_MM (&gt; 0)
 */
public record LossConfig(
        LossName name,
        float scale,
        float margin,
        IsceVariant variant,
        float smoothing,
        float centerWeight,
        float centerRate,
        float lgmMargin,
        float lgmWeight,
        float arcScale,
        float arcMargin,
        float mmcRadius) {

    /** The paper's default I-SCE: s = 1, m = 0.1, paper variant. */
    public static final LossConfig ISCE_DEFAULT = of(LossName.ISCE);

    /** Plain softmax cross-entropy. */
    public static final LossConfig SCE = of(LossName.SCE);

    /** Validates the hyper-parameters of the chosen loss and names the flag that is wrong. */
    public LossConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(variant, "variant");
        switch (name) {
            case ISCE -> InferenceSoftmaxCrossEntropy.builder().optScale(scale).optMargin(margin).optVariant(variant).build();
            case LABEL_SMOOTHING -> require(smoothing >= 0 && smoothing <= 1, "--ls-epsilon must be in [0, 1], got " + smoothing);
            case CENTER -> {
                require(centerWeight >= 0 && Float.isFinite(centerWeight), "--center-lambda must be >= 0, got " + centerWeight);
                require(centerRate > 0 && centerRate <= 1, "--center-alpha must be in (0, 1], got " + centerRate);
            }
            case LGM -> {
                require(lgmMargin >= 0 && Float.isFinite(lgmMargin), "--lgm-alpha must be >= 0, got " + lgmMargin);
                require(lgmWeight >= 0 && Float.isFinite(lgmWeight), "--lgm-lambda must be >= 0, got " + lgmWeight);
            }
            case ARCFACE -> {
                require(arcScale > 0 && Float.isFinite(arcScale), "--arcface-s must be > 0, got " + arcScale);
                require(arcMargin >= 0 && arcMargin <= Math.PI / 2, "--arcface-m must be in [0, pi/2] radians, got " + arcMargin);
            }
            case MMC -> require(mmcRadius > 0 && Float.isFinite(mmcRadius), "--mmc-c must be > 0, got " + mmcRadius);
            case SCE -> { }
        }
    }

    /**
     * The configuration of older run directories, which knew only SCE and I-SCE: every baseline
     * setting takes its default.
     *
     * @param name which loss
     * @param scale I-SCE scale s
     * @param margin I-SCE margin m
     * @param variant I-SCE variant
     */
    public LossConfig(LossName name, float scale, float margin, IsceVariant variant) {
        this(builder(name).optScale(scale).optMargin(margin).optVariant(variant));
    }

    private LossConfig(Builder b) {
        this(b.name, b.scale, b.margin, b.variant, b.smoothing, b.centerWeight, b.centerRate,
                b.lgmMargin, b.lgmWeight, b.arcScale, b.arcMargin, b.mmcRadius);
    }

    /**
     * @param name which loss
     * @return that loss with every setting at its default (docs/method.md §1–2)
     */
    public static LossConfig of(LossName name) {
        return builder(name).build();
    }

    /**
     * @param name which loss
     * @return a builder holding the defaults of docs/method.md §1–2
     */
    public static Builder builder(LossName name) {
        return new Builder(name);
    }

    /** @return a fresh training loss */
    public Loss trainingLoss() {
        return switch (name) {
            case SCE -> new SoftmaxCrossEntropy();
            case ISCE -> isce();
            case LABEL_SMOOTHING -> new LabelSmoothingCrossEntropy(smoothing);
            case CENTER -> new CenterLoss(centerWeight, centerRate);
            case LGM -> new LargeMarginGaussianMixture(lgmMargin, lgmWeight);
            case ARCFACE -> new ArcFace(arcScale, arcMargin);
            case MMC -> new MaxMahalanobisCenterLoss();
        };
    }

    /**
     * The head this loss trains: it maps the feature h to the logits attacks and predictions use
     * (negative distances for L-GM and MMC, S·cos θ for ArcFace, a linear layer otherwise).
     *
     * @param numClasses K
     * @return a fresh, uninitialised block mapping h [N, D] to [z, extras...]
     */
    public Block head(int numClasses) {
        return switch (name) {
            case SCE, ISCE, LABEL_SMOOTHING -> Linear.builder().setUnits(numClasses).build();
            case CENTER -> new CenterLossHead(numClasses);
            case LGM -> new GaussianMixtureHead(numClasses);
            case ARCFACE -> new CosineHead(numClasses, arcScale);
            case MMC -> new MaxMahalanobisHead(numClasses, mmcRadius);
        };
    }

    /**
     * @param numClasses K
     * @return the smallest feature width the head accepts: K for MMC (its simplex needs K
     *     coordinates), 1 otherwise
     */
    public int minimumFeatureDim(int numClasses) {
        return name == LossName.MMC ? MaxMahalanobisCenters.minimumDimension(numClasses) : 1;
    }

    /**
     * @return whether the head needs a feature that can be negative, i.e. one that ends in a linear
     *     layer: MMC's fixed centers have pairwise negative inner products, so they cannot all lie
     *     in the non-negative orthant a ReLU feature is confined to
     */
    public boolean needsLinearFeature() {
        return name == LossName.MMC;
    }

    /** @return the rule the trained model deploys: I-SCE's boost, plain softmax otherwise */
    public DecisionRule decisionRule() {
        return name == LossName.ISCE ? isce()::deployedLogits : DecisionRule.SOFTMAX;
    }

    /** @return e.g. {@code isce (paper variant, s=1.0, m=0.1)} or {@code arcface (S=30.0, M=0.5)} */
    public String describe() {
        return switch (name) {
            case SCE -> name.id();
            case ISCE -> format("isce (%s variant, s=%s, m=%s)", variant.name().toLowerCase(Locale.ROOT), scale, margin);
            case LABEL_SMOOTHING -> format("label-smoothing (epsilon=%s)", smoothing);
            case CENTER -> format("center (lambda=%s, alpha=%s)", centerWeight, centerRate);
            case LGM -> format("lgm (alpha=%s, lambda=%s)", lgmMargin, lgmWeight);
            case ARCFACE -> format("arcface (S=%s, M=%s)", arcScale, arcMargin);
            case MMC -> format("mmc (C_MM=%s)", mmcRadius);
        };
    }

    private InferenceSoftmaxCrossEntropy isce() {
        return InferenceSoftmaxCrossEntropy.builder().optScale(scale).optMargin(margin).optVariant(variant).build();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }

    /** Builder holding the defaults of docs/method.md §1–2; {@link #build} validates the chosen loss. */
    public static final class Builder {

        private final LossName name;
        private float scale = 1f;
        private float margin = 0.1f;
        private IsceVariant variant = IsceVariant.PAPER;
        private float smoothing = 0.1f;
        private float centerWeight = 0.01f;
        private float centerRate = 0.5f;
        private float lgmMargin = 0.1f;
        private float lgmWeight = 0.01f;
        private float arcScale = 30f;
        private float arcMargin = 0.5f;
        private float mmcRadius = 10f;

        private Builder(LossName name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param s I-SCE scale s (default 1)
         * @return this builder
         */
        public Builder optScale(float s) {
            this.scale = s;
            return this;
        }

        /**
         * @param m I-SCE margin m (default 0.1)
         * @return this builder
         */
        public Builder optMargin(float m) {
            this.margin = m;
            return this;
        }

        /**
         * @param v I-SCE variant (default paper)
         * @return this builder
         */
        public Builder optVariant(IsceVariant v) {
            this.variant = Objects.requireNonNull(v, "variant");
            return this;
        }

        /**
         * @param epsilon label smoothing ε (default 0.1)
         * @return this builder
         */
        public Builder optSmoothing(float epsilon) {
            this.smoothing = epsilon;
            return this;
        }

        /**
         * @param lambda center loss weight λ (default 0.01)
         * @return this builder
         */
        public Builder optCenterWeight(float lambda) {
            this.centerWeight = lambda;
            return this;
        }

        /**
         * @param alpha center update rate α (default 0.5)
         * @return this builder
         */
        public Builder optCenterRate(float alpha) {
            this.centerRate = alpha;
            return this;
        }

        /**
         * @param alpha L-GM margin α (default 0.1)
         * @return this builder
         */
        public Builder optLgmMargin(float alpha) {
            this.lgmMargin = alpha;
            return this;
        }

        /**
         * @param lambda L-GM likelihood weight λ (default 0.01)
         * @return this builder
         */
        public Builder optLgmWeight(float lambda) {
            this.lgmWeight = lambda;
            return this;
        }

        /**
         * @param s ArcFace scale S (default 30)
         * @return this builder
         */
        public Builder optArcScale(float s) {
            this.arcScale = s;
            return this;
        }

        /**
         * @param m ArcFace angular margin M in radians (default 0.5)
         * @return this builder
         */
        public Builder optArcMargin(float m) {
            this.arcMargin = m;
            return this;
        }

        /**
         * @param c MMC center norm C_MM (default 10)
         * @return this builder
         */
        public Builder optMmcRadius(float c) {
            this.mmcRadius = c;
            return this;
        }

        /**
         * @return the configuration
         * @throws UserError naming the flag when a setting of the chosen loss is invalid
         */
        public LossConfig build() {
            return new LossConfig(this);
        }
    }
}
