package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/**
 * The fast adaptive boundary attack (Croce &amp; Hein 2020, "Minimally distorted adversarial examples
 * with a fast adaptive boundary attack"): a minimal-perturbation attack in L2 or L∞ that steps to the
 * projection onto the linearised decision boundary, biased back toward the original image.
 * FAB-T, the AutoAttack stage, is the targeted form: one run per target class, the classes ranked
 * 2nd … (1 + targets) by the clean logits.
 * <pre>{@code
 * FabSpec fabT = FabSpec.targeted(Norm.LINF).eps(0.1).build();   // the AutoAttack stage at ε = 0.1
 * FabSpec minimal = FabSpec.targeted(Norm.L2).build();           // minimal points, judged at budgets
 * }</pre>
 *
 * <p>With a finite {@code eps} the attack is bounded: an image gets its smallest adversarial point
 * when that lies within eps, else stays clean, and images broken within eps are not attacked by the
 * remaining targets and restarts. With {@code eps} = +∞ it returns the smallest adversarial point
 * found over every target, to be judged at budgets after the fact, like DeepFool.
 *
 * @param norm the norm minimised
 * @param eps the budget (also the radius of restarts' random starts), or +∞ for none
 * @param targets target classes per image (FAB-T), at most K − 1 of them are used; 0 for
 *     untargeted FAB (every class a candidate at every step)
 * @param iterations steps per run
 * @param restarts runs per target; runs after the first start at a random point
 * @param alphaMax the largest weight of the step toward the original image's projection
 * @param eta overshoot of each projection step
 * @param beta the backward step toward the original image after each success
 */
@AttackSpec.Kind("fab")
public record FabSpec(
        Norm norm, double eps, int targets, int iterations, int restarts, double alphaMax, double eta, double beta)
        implements AttackSpec {

    /** AutoAttack's number of target classes. */
    public static final int DEFAULT_TARGETS = 9;
    /** AutoAttack's iterations per run. */
    public static final int DEFAULT_ITERATIONS = 100;
    /** The reference's largest bias toward the original image. */
    public static final double DEFAULT_ALPHA_MAX = 0.1;
    /** The reference's overshoot. */
    public static final double DEFAULT_ETA = 1.05;
    /** The reference's backward step. */
    public static final double DEFAULT_BETA = 0.9;

    /**
     * Checks the settings, refusing the first invalid one.
     *
     * @param norm the norm minimised, not null
     * @param eps the budget in [0, 1] pixel units, &gt; 0 and within float32's range, or +∞ for none
     * @param targets target classes per image, &gt;= 0 (0 for untargeted FAB)
     * @param iterations steps per run, &gt;= 1
     * @param restarts runs per target, &gt;= 1; more than one needs a finite {@code eps}
     * @param alphaMax the largest weight of the step toward the original image's projection, in [0, 1]
     * @param eta overshoot of each projection step, finite and &gt;= 1
     * @param beta the backward step toward the original image after each success, in (0, 1]
     */
    public FabSpec {
        InvalidSetting.require(norm != null, "norm", "must be given");
        InvalidSetting.require(eps > 0, "eps", "must be > 0 (or infinite for minimal points), got " + eps);
        if (Double.isFinite(eps)) {
            Norm.requireFloat32("eps", eps);
        }
        InvalidSetting.require(targets >= 0, "targets", "must be >= 0 (0 for untargeted), got " + targets);
        InvalidSetting.require(iterations >= 1, "iterations", "must be >= 1, got " + iterations);
        InvalidSetting.require(restarts >= 1, "restarts", "must be >= 1, got " + restarts);
        AttackSpec.require(
                restarts == 1 || Double.isFinite(eps),
                "FAB restarts start in a ball of radius eps/2, so restarts > 1 need a finite eps");
        InvalidSetting.require(alphaMax >= 0 && alphaMax <= 1, "alpha_max", "must be in [0, 1], got " + alphaMax);
        InvalidSetting.require(
                eta >= 1 && Double.isFinite(eta), "eta", "(overshoot) must be finite and >= 1, got " + eta);
        InvalidSetting.require(beta > 0 && beta <= 1, "beta", "(backward step) must be in (0, 1], got " + beta);
    }

    /**
     * @param norm the norm minimised
     * @return a builder for FAB-T with AutoAttack's settings: 9 targets, 100 iterations, 1 run, no budget
     */
    public static Builder targeted(Norm norm) {
        return new Builder(norm, DEFAULT_TARGETS);
    }

    /**
     * @param norm the norm minimised
     * @return a builder for untargeted FAB, every other setting at its default
     */
    public static Builder untargeted(Norm norm) {
        return new Builder(norm, 0);
    }

    /** @return whether this is FAB-T */
    public boolean isTargeted() {
        return targets > 0;
    }

    @Override
    public String label() {
        StringBuilder s = new StringBuilder(isTargeted() ? "fab-t-" : "fab-").append(norm.id());
        if (Double.isFinite(eps)) {
            s.append(" eps=").append(eps);
        }
        if (isTargeted() && targets != DEFAULT_TARGETS) {
            s.append(" targets=").append(targets);
        }
        if (iterations != DEFAULT_ITERATIONS) {
            s.append(" iterations=").append(iterations);
        }
        if (restarts != 1) {
            s.append(" restarts=").append(restarts);
        }
        if (alphaMax != DEFAULT_ALPHA_MAX || eta != DEFAULT_ETA || beta != DEFAULT_BETA) {
            s.append(String.format(Locale.ROOT, " alpha-max=%s eta=%s beta=%s", alphaMax, eta, beta));
        }
        return s.toString();
    }

    /** @return eps when finite; NaN for minimal points, which are judged at budgets */
    @Override
    public double radius() {
        return Double.isFinite(eps) ? eps : Double.NaN;
    }

    /** @return the flat estimate */
    @Override
    public double gradientsPerImage() {
        return AttackSpec.FLAT_GRADIENTS_PER_IMAGE;
    }

    @Override
    public Attack attack() {
        return new FastAdaptiveBoundary(this);
    }

    /** Collects FAB settings; unset ones keep their defaults. */
    public static final class Builder {
        private final Norm norm;
        private int targets;
        private double eps = Double.POSITIVE_INFINITY;
        private int iterations = DEFAULT_ITERATIONS;
        private int restarts = 1;
        private double alphaMax = DEFAULT_ALPHA_MAX;
        private double eta = DEFAULT_ETA;
        private double beta = DEFAULT_BETA;

        private Builder(Norm norm, int targets) {
            this.norm = norm;
            this.targets = targets;
        }

        /**
         * @param eps the budget (default +∞: minimal points)
         * @return this
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * @param targets target classes per image (default 9)
         * @return this
         */
        public Builder targets(int targets) {
            this.targets = targets;
            return this;
        }

        /**
         * @param iterations steps per run (default 100)
         * @return this
         */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * @param restarts runs per target (default 1)
         * @return this
         */
        public Builder restarts(int restarts) {
            this.restarts = restarts;
            return this;
        }

        /**
         * @param alphaMax largest bias toward the original (default 0.1)
         * @return this
         */
        public Builder alphaMax(double alphaMax) {
            this.alphaMax = alphaMax;
            return this;
        }

        /**
         * @param eta overshoot (default 1.05)
         * @return this
         */
        public Builder eta(double eta) {
            this.eta = eta;
            return this;
        }

        /**
         * @param beta backward step (default 0.9)
         * @return this
         */
        public Builder beta(double beta) {
            this.beta = beta;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public FabSpec build() {
            return new FabSpec(norm, eps, targets, iterations, restarts, alphaMax, eta, beta);
        }
    }
}
