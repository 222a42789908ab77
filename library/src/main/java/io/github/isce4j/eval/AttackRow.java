package io.github.isce4j.eval;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.Protocol;
import java.util.List;

/**
 * One row of an attack table: how a classifier fared against one attack specification, judged
 * at one budget, on {@code images} test images.
 *
 * @param spec the attack specification the row came from
 * @param budget the budget a minimal-perturbation attack was judged at; +∞ for unbounded or none
 * @param attack the row's name in tables, e.g. {@code pgd-l2 eps=1.0 steps=50 loss=ce+margin}
 * @param protocol bounded or paper
 * @param eps the radius (the budget for DeepFool and SimBA rows); NaN for none, +∞ for unbounded
 * @param images how many test images
 * @param cleanAccuracy accuracy before the attack
 * @param robustAccuracy accuracy w.r.t. the true label after the attack; misclassified clean
 *     images count as not robust
 * @param successRate fraction of the correctly classified images the attack made wrong
 * @param targetSuccessRate targeted: fraction of correctly classified images that ended at the
 *     target; NaN when untargeted
 * @param medianL2 median L2 norm of the successful perturbations (NaN when none)
 * @param medianLinf median L∞ norm of the successful perturbations (NaN when none)
 * @param meanQueries black-box: mean queries per image; NaN for white-box attacks and for
 *     cascades that mix both (AutoAttack)
 * @param parts how each part of the spec fared (one per attack loss, or per stage of a cascade)
 * @param seconds wall time of the plan
 * @param imagesPerSecond images attacked per second (all parts together; a cascade's images count once, through all its stages)
 * @param robustImages per attacked image, in image order, '1' when it is robust (see {@link ImageOutcomes});
 *     null when not recorded (results.json files of isce4j before per-image outcomes)
 * @see #builder()
 */
public record AttackRow(
        AttackSpec spec,
        double budget,
        String attack,
        Protocol protocol,
        double eps,
        int images,
        double cleanAccuracy,
        double robustAccuracy,
        double successRate,
        double targetSuccessRate,
        double medianL2,
        double medianLinf,
        double meanQueries,
        List<PartAccuracy> parts,
        double seconds,
        double imagesPerSecond,
        String robustImages) {

    /**
     * Copies the parts; the {@link #builder()} is the checked way to make a row.
     *
     * @param spec the attack specification the row came from
     * @param budget the budget a minimal-perturbation attack was judged at; +∞ for unbounded or none
     * @param attack the row's name in tables
     * @param protocol bounded or paper
     * @param eps the radius (the budget for DeepFool and SimBA rows); NaN for none, +∞ for unbounded
     * @param images how many test images
     * @param cleanAccuracy accuracy before the attack, in [0, 1]
     * @param robustAccuracy accuracy w.r.t. the true label after the attack, in [0, 1]
     * @param successRate fraction of the correctly classified images the attack made wrong
     * @param targetSuccessRate fraction of correctly classified images that ended at the target; NaN
     *     when untargeted
     * @param medianL2 median L2 norm of the successful perturbations (NaN when none)
     * @param medianLinf median L∞ norm of the successful perturbations (NaN when none)
     * @param meanQueries mean queries per image of a black-box attack; NaN otherwise
     * @param parts how each part of the spec fared, in order; copied
     * @param seconds wall time of the plan
     * @param imagesPerSecond images attacked per second, all parts together
     * @param robustImages per attacked image, '1' when robust; null when not recorded
     * @throws IllegalArgumentException when the per-image outcomes are not {@code images} '0'/'1' characters
     */
    public AttackRow {
        parts = List.copyOf(parts);
        ImageOutcomes.check(robustImages, images, "robustImages");
    }

    /** @return per attacked image, in image order, whether it is robust; null when not recorded */
    public boolean[] robustOutcomes() {
        return robustImages == null ? null : ImageOutcomes.decode(robustImages);
    }

    /**
     * @return a builder: the spec, the radius, the image count, the three accuracies and the timing
     *     are required; the rest has defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How one part of the row's spec fared: alone, together with the parts before it, and which
     * images it was the first to break. For a cascade (AutoAttack) the parts after the first ran
     * only on the images still robust, so their accuracy alone is not known.
     *
     * @param spec a single-attack part of the row's spec
     * @param attack its label
     * @param robustAccuracy robust accuracy against it alone; NaN for a cascade stage after the first
     * @param afterAccuracy robust accuracy after this part and every part before it (per-image worst case)
     * @param broke indices, into the attacked images, of the images this part broke that no part
     *     before it had broken
     * @param seconds wall time of this part alone (a cascade's stage: on the images still robust)
     */
    public record PartAccuracy(
            AttackSpec spec,
            String attack,
            double robustAccuracy,
            double afterAccuracy,
            List<Integer> broke,
            double seconds) {

        /**
         * Copies the indices.
         *
         * @param spec a single-attack part of the row's spec
         * @param attack its label
         * @param robustAccuracy robust accuracy against it alone; NaN for a cascade stage after the first
         * @param afterAccuracy robust accuracy after this part and every part before it
         * @param broke indices, into the attacked images, of the images this part was the first to
         *     break; null for none; copied
         * @param seconds wall time of this part alone
         */
        public PartAccuracy {
            broke = broke == null ? List.of() : List.copyOf(broke);
        }

        /**
         * @param spec a single-attack part of the row's spec
         * @return a builder for that part's record, labelled with the part's label unless told otherwise
         */
        public static PartBuilder builder(AttackSpec spec) {
            return new PartBuilder(spec);
        }
    }

    /** Builds a {@link PartAccuracy}: both accuracies and the time are required. */
    public static final class PartBuilder {

        private final AttackSpec spec;
        private String attack;
        private Double robustAccuracy;
        private Double afterAccuracy;
        private List<Integer> broke = List.of();
        private Double seconds;

        private PartBuilder(AttackSpec spec) {
            if (spec == null) {
                throw new IllegalArgumentException("a part's record needs the part's spec");
            }
            this.spec = spec;
        }

        /**
         * @param attack the part's label; the spec's label by default
         * @return this builder
         */
        public PartBuilder optAttack(String attack) {
            this.attack = attack;
            return this;
        }

        /**
         * @param robustAccuracy robust accuracy against the part alone; NaN for a cascade stage after the first (required)
         * @return this builder
         */
        public PartBuilder setRobustAccuracy(double robustAccuracy) {
            this.robustAccuracy = robustAccuracy;
            return this;
        }

        /**
         * @param afterAccuracy robust accuracy after this part and every part before it (required)
         * @return this builder
         */
        public PartBuilder setAfterAccuracy(double afterAccuracy) {
            this.afterAccuracy = afterAccuracy;
            return this;
        }

        /**
         * @param broke indices of the images this part broke first; none by default
         * @return this builder
         */
        public PartBuilder optBroke(List<Integer> broke) {
            this.broke = broke;
            return this;
        }

        /**
         * @param seconds wall time of this part alone (required)
         * @return this builder
         */
        public PartBuilder setSeconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /**
         * @return the part's record
         * @throws IllegalArgumentException naming the first required value that was not set
         */
        public PartAccuracy build() {
            if (robustAccuracy == null || afterAccuracy == null || seconds == null) {
                throw new IllegalArgumentException("a part's record needs "
                        + (robustAccuracy == null
                                ? "setRobustAccuracy"
                                : afterAccuracy == null ? "setAfterAccuracy" : "setSeconds")
                        + " before build()");
            }
            return new PartAccuracy(
                    spec, attack != null ? attack : spec.label(), robustAccuracy, afterAccuracy, broke, seconds);
        }
    }

    /**
     * @param part one of {@code spec().parts()}
     * @return robust accuracy against that part alone
     * @throws IllegalArgumentException when it is not a part of this row's spec
     */
    public double aloneAccuracy(AttackSpec part) {
        return part(part).robustAccuracy();
    }

    /**
     * @param part one of {@code spec().parts()}
     * @return robust accuracy after that part and every part before it
     * @throws IllegalArgumentException when it is not a part of this row's spec
     */
    public double afterAccuracy(AttackSpec part) {
        return part(part).afterAccuracy();
    }

    /**
     * @param part one of {@code spec().parts()}
     * @return its record
     * @throws IllegalArgumentException when it is not a part of this row's spec
     */
    public PartAccuracy part(AttackSpec part) {
        return parts.stream()
                .filter(p -> p.spec().equals(part))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(part.label() + " is not a part of " + attack));
    }

    /**
     * Builds an {@link AttackRow}: {@code set} methods for what every row has, {@code opt} methods
     * for what only some rows have (a budget, a target, successful perturbations, queries, parts)
     * or what the spec already says (the label and the protocol).
     */
    public static final class Builder {

        private AttackSpec spec;
        private double budget = Double.POSITIVE_INFINITY;
        private String attack;
        private Protocol protocol;
        private Double eps;
        private int images = -1;
        private Double cleanAccuracy;
        private Double robustAccuracy;
        private Double successRate;
        private double targetSuccessRate = Double.NaN;
        private double medianL2 = Double.NaN;
        private double medianLinf = Double.NaN;
        private double meanQueries = Double.NaN;
        private List<PartAccuracy> parts = List.of();
        private Double seconds;
        private Double imagesPerSecond;
        private String robustImages;

        private Builder() {}

        /**
         * @param spec the attack specification the row came from (required)
         * @return this builder
         */
        public Builder setSpec(AttackSpec spec) {
            this.spec = spec;
            return this;
        }

        /**
         * @param budget the budget a minimal-perturbation attack was judged at; +∞ (the default) for none
         * @return this builder
         */
        public Builder optBudget(double budget) {
            this.budget = budget;
            return this;
        }

        /**
         * @param attack the row's name in tables; the spec's label by default
         * @return this builder
         */
        public Builder optAttack(String attack) {
            this.attack = attack;
            return this;
        }

        /**
         * @param protocol bounded or paper; the spec's by default
         * @return this builder
         */
        public Builder optProtocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param eps the radius, or the budget for a row judged at one; NaN for none, +∞ for unbounded (required)
         * @return this builder
         */
        public Builder setEps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * @param images how many test images were attacked (required)
         * @return this builder
         */
        public Builder setImages(int images) {
            this.images = images;
            return this;
        }

        /**
         * @param cleanAccuracy accuracy before the attack (required)
         * @return this builder
         */
        public Builder setCleanAccuracy(double cleanAccuracy) {
            this.cleanAccuracy = cleanAccuracy;
            return this;
        }

        /**
         * @param robustAccuracy accuracy w.r.t. the true label after the attack (required)
         * @return this builder
         */
        public Builder setRobustAccuracy(double robustAccuracy) {
            this.robustAccuracy = robustAccuracy;
            return this;
        }

        /**
         * @param successRate fraction of the correctly classified images the attack made wrong;
         *     NaN when none was correct (required)
         * @return this builder
         */
        public Builder setSuccessRate(double successRate) {
            this.successRate = successRate;
            return this;
        }

        /**
         * @param targetSuccessRate targeted: fraction of correctly classified images that ended at
         *     the target; NaN (the default) when untargeted
         * @return this builder
         */
        public Builder optTargetSuccessRate(double targetSuccessRate) {
            this.targetSuccessRate = targetSuccessRate;
            return this;
        }

        /**
         * @param medianL2 median L2 norm of the successful perturbations; NaN (the default) when none
         * @return this builder
         */
        public Builder optMedianL2(double medianL2) {
            this.medianL2 = medianL2;
            return this;
        }

        /**
         * @param medianLinf median L∞ norm of the successful perturbations; NaN (the default) when none
         * @return this builder
         */
        public Builder optMedianLinf(double medianLinf) {
            this.medianLinf = medianLinf;
            return this;
        }

        /**
         * @param meanQueries black-box: mean queries per image; NaN (the default) otherwise
         * @return this builder
         */
        public Builder optMeanQueries(double meanQueries) {
            this.meanQueries = meanQueries;
            return this;
        }

        /**
         * @param parts how each part of the spec fared; none by default
         * @return this builder
         */
        public Builder optParts(List<PartAccuracy> parts) {
            this.parts = parts;
            return this;
        }

        /**
         * @param seconds wall time of the plan (required)
         * @return this builder
         */
        public Builder setSeconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /**
         * @param imagesPerSecond images attacked per second, all parts together (required)
         * @return this builder
         */
        public Builder setImagesPerSecond(double imagesPerSecond) {
            this.imagesPerSecond = imagesPerSecond;
            return this;
        }

        /**
         * @param robust per attacked image, in image order, whether it is robust; not recorded by default
         * @return this builder
         */
        public Builder optRobustOutcomes(boolean[] robust) {
            this.robustImages = robust == null ? null : ImageOutcomes.encode(robust);
            return this;
        }

        /**
         * @return the row
         * @throws IllegalArgumentException naming the first required value that was not set
         */
        public AttackRow build() {
            require(spec != null, "setSpec");
            require(eps != null, "setEps");
            require(images >= 0, "setImages (>= 0)");
            require(cleanAccuracy != null, "setCleanAccuracy");
            require(robustAccuracy != null, "setRobustAccuracy");
            require(successRate != null, "setSuccessRate");
            require(seconds != null, "setSeconds");
            require(imagesPerSecond != null, "setImagesPerSecond");
            require(parts != null, "optParts with a list (empty for none)");
            return new AttackRow(
                    spec,
                    budget,
                    attack != null ? attack : spec.label(),
                    protocol != null ? protocol : spec.protocol(),
                    eps,
                    images,
                    cleanAccuracy,
                    robustAccuracy,
                    successRate,
                    targetSuccessRate,
                    medianL2,
                    medianLinf,
                    meanQueries,
                    parts,
                    seconds,
                    imagesPerSecond,
                    robustImages);
        }

        private static void require(boolean ok, String call) {
            if (!ok) {
                throw new IllegalArgumentException("an attack row needs " + call + " before build()");
            }
        }
    }
}
