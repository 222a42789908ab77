package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.isce4j.model.Scalar;
import java.util.Objects;

/**
 * Inference-softmax cross-entropy (I-SCE) of Song, Wang, He and Zhou, "Robustness Learning via
 * Inference-Softmax Cross Entropy in Misaligned Distribution of Image", Mathematics 10(19):3716,
 * 2022 (docs/method.md §1).
 *
 * <p>For raw logits z ∈ R^K of one example, t = z / max(‖z‖₂, 1e-12); one class c is boosted,
 * o_c = s·t_c + m, and o_k = t_k for k ≠ c; the loss is −log softmax(o)_y averaged over the
 * batch. Which class is boosted, and how, depends on the {@link IsceVariant}:
 *
 * <ul>
 *   <li>{@link IsceVariant#PAPER}: training boosts c = y with o_c = s·t_c + m.
 *   <li>{@link IsceVariant#CODE}: training boosts the predicted class c = argmax z with
 *       o_c = clip(s·(t_c + m), −1, 1); the choice of c carries no gradient. Because every o_k
 *       then lies in [−1, 1] the loss has a floor (about 1.35 for K = 10, s = 1, m = 0.1), so a
 *       plateau there is expected.
 * </ul>
 *
 * <p>At inference both variants boost c = argmax t ({@link #deployedLogits}); the deployed
 * probabilities are P_I = softmax(o). Prediction stays argmax z. Defaults s = 1, m = 0.1
 * (paper §4.1); s = 1, m = 0 is plain softmax cross-entropy on t.
 *
 * <p>Shapes: logits [N, K] of any floating type, class indices int64 [N]. Every returned array
 * is differentiable w.r.t. the logits, including through the norm. Instances are immutable and
 * hold no learnable parameters.
 */
public final class InferenceSoftmaxCrossEntropy extends Loss {

    /** Lower bound on ‖z‖₂ in the normalisation, so that z = 0 gives t = 0 rather than NaN. */
    public static final double NORM_FLOOR = 1e-12;

    private final double scale;
    private final double margin;
    private final IsceVariant variant;

    private InferenceSoftmaxCrossEntropy(Builder builder) {
        super("InferenceSoftmaxCrossEntropy");
        this.scale = builder.scale;
        this.margin = builder.margin;
        this.variant = builder.variant;
    }

    /**
     * @return a builder with the defaults of {@link IsceConfig}: s = 1, m = 0.1,
     *     {@link IsceVariant#PAPER}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the scale s applied to the boosted entry */
    public double scale() {
        return scale;
    }

    /** @return the margin m (the paper's "inference information") added to the boosted entry */
    public double margin() {
        return margin;
    }

    /** @return which reading of I-SCE this loss implements */
    public IsceVariant variant() {
        return variant;
    }

    /**
     * Returns the batch-mean training loss.
     *
     * @param labels head: class indices y, int64 [N]
     * @param predictions head: raw logits z, [N, K]; further arrays are ignored
     * @return a scalar array
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray index = SoftmaxCrossEntropy.columnIndex(labels.head());
        NDArray o = trainingLogits(predictions.head(), index);
        return SoftmaxCrossEntropy.trueClassLogProbability(o, index).mean().neg();
    }

    /**
     * Returns the per-example training losses −log softmax(o_i)_{y_i}, with the boosted class
     * chosen as the variant prescribes.
     *
     * @param logits raw logits z, [N, K]
     * @param labels class indices y, int64 [N]
     * @return the losses, [N]
     */
    public NDArray perExample(NDArray logits, NDArray labels) {
        NDArray index = SoftmaxCrossEntropy.columnIndex(labels);
        NDArray o = trainingLogits(logits, index);
        return SoftmaxCrossEntropy.trueClassLogProbability(o, index).reshape(-1).neg();
    }

    /**
     * Returns o for a given boosted class per example: t with entry c replaced by s·t_c + m
     * (paper variant) or clip(s·(t_c + m), −1, 1) (code variant).
     *
     * @param logits raw logits z, [N, K]
     * @param boostedClass the class c to boost in each example, int64 [N]
     * @return o, [N, K]
     */
    public NDArray boostedLogits(NDArray logits, NDArray boostedClass) {
        return boost(normalise(logits), SoftmaxCrossEntropy.columnIndex(boostedClass));
    }

    /**
     * Returns the logits the deployed model outputs: o with c = argmax t, boosted as in
     * {@link #boostedLogits}. The deployed probabilities are P_I = softmax of this.
     *
     * <p>The boost keeps the argmax when s = 1, and when s ≥ 1 and the largest logit is not
     * negative (paper variant: exactly when (s − 1)·t_c + m ≥ 0). With s &gt; 1 and every logit
     * negative it can move the argmax, so predictions should use argmax z.
     *
     * @param logits raw logits z, [N, K]
     * @return o, [N, K]
     */
    public NDArray deployedLogits(NDArray logits) {
        NDArray t = normalise(logits);
        return boost(t, SoftmaxCrossEntropy.columnIndex(t.argMax(1)));
    }

    /**
     * Scales each example's logits to unit L2 norm: t = z / max(‖z‖₂, 1e-12).
     *
     * @param logits raw logits z, [N, K]
     * @return t, [N, K], differentiable w.r.t. z
     */
    public static NDArray normalise(NDArray logits) {
        return logits.div(logits.norm(2, new int[] {1}, true).maximum(Scalar.of(logits, NORM_FLOOR)));
    }

    /** o for training: c = y (paper) or c = argmax z (code); {@code labelIndex} is [N, 1]. */
    private NDArray trainingLogits(NDArray logits, NDArray labelIndex) {
        NDArray index = variant == IsceVariant.PAPER ? labelIndex : SoftmaxCrossEntropy.columnIndex(logits.argMax(1));
        return boost(normalise(logits), index);
    }

    /** Replaces t[i, c_i] by the boosted value; {@code index} holds c as an [N, 1] column. */
    private NDArray boost(NDArray t, NDArray index) {
        NDArray boosted = t.gather(index, 1);
        if (variant == IsceVariant.PAPER) {
            boosted = scaled(boosted);
            boosted = margin == 0 ? boosted : boosted.add(Scalar.of(boosted, margin));
        } else {
            boosted = margin == 0 ? boosted : boosted.add(Scalar.of(boosted, margin));
            boosted = scaled(boosted).clip(-1.0, 1.0);
        }
        return t.scatter(index, boosted, 1);
    }

    private NDArray scaled(NDArray x) {
        return scale == 1 ? x : x.mul(Scalar.of(x, scale));
    }

    /** @return the loss with its settings, e.g. {@code I-SCE(s=1.0, m=0.1, variant=PAPER)} */
    @Override
    public String toString() {
        return "I-SCE(s=" + scale + ", m=" + margin + ", variant=" + variant + ")";
    }

    /** Validating builder for {@link InferenceSoftmaxCrossEntropy}; every setting is optional. */
    public static final class Builder {

        private double scale = IsceConfig.DEFAULT_SCALE;
        private double margin = IsceConfig.DEFAULT_MARGIN;
        private IsceVariant variant = IsceConfig.DEFAULT_VARIANT;

        private Builder() {}

        /**
         * @param scale the scale s of the boosted entry, finite and &gt; 0 (default 1)
         * @return this builder
         */
        public Builder optScale(double scale) {
            this.scale = scale;
            return this;
        }

        /**
         * @param margin the margin m added to the boosted entry, finite and ≥ 0 (default 0.1)
         * @return this builder
         */
        public Builder optMargin(double margin) {
            this.margin = margin;
            return this;
        }

        /**
         * @param variant which reading of I-SCE to implement (default {@link IsceVariant#PAPER})
         * @return this builder
         */
        public Builder optVariant(IsceVariant variant) {
            this.variant = Objects.requireNonNull(variant, "variant");
            return this;
        }

        /**
         * @return the loss
         * @throws IllegalArgumentException if s is not a finite number &gt; 0 or m is not a finite
         *     number ≥ 0
         */
        public InferenceSoftmaxCrossEntropy build() {
            IsceConfig.check(scale, margin);
            return new InferenceSoftmaxCrossEntropy(this);
        }
    }
}
