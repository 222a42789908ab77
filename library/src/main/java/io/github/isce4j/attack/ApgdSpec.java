package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/**
 * Auto-PGD (Croce &amp; Hein 2020, docs/method.md §3.12): untargeted on CE or DLR, or targeted on the
 * targeted DLR (or CE) toward each of the classes ranked 2nd … (targets+1)-th by the clean logits.
 * Build one with {@link #l2(double)} or {@link #linf(double)}:
 * <pre>{@code
 * ApgdSpec apgdT = ApgdSpec.linf(0.1).loss(AttackLoss.DLR).targets(9).build();
 * }</pre>
 *
 * @param norm threat model
 * @param eps radius in [0, 1] pixel units
 * @param iterations steps N per run (default 100)
 * @param loss ce or dlr (default ce); the margin is not an APGD loss
 * @param targets 0 for untargeted; else how many target classes, one run each (AutoAttack: 9)
 * @param restarts runs per target from fresh random starts, on the images still robust (default 1)
 * @param eotDraws gradient calls averaged per step, for randomized classifiers (default 1; AutoAttack's rand version: 20)
 * @param rho the share of raising steps below which the step is halved (default 0.75)
 */
@AttackSpec.Kind("apgd")
public record ApgdSpec(
        Norm norm, double eps, int iterations, AttackLoss loss, int targets, int restarts, int eotDraws, double rho)
        implements AttackSpec {

    /** AutoAttack's iterations per run. */
    public static final int DEFAULT_ITERATIONS = 100;
    /** AutoAttack's number of target classes for APGD-T. */
    public static final int DEFAULT_TARGETS = 9;
    /** AutoAttack's draws per gradient for randomized models. */
    public static final int RAND_EOT_DRAWS = 20;
    /** The reference's ρ. */
    public static final double DEFAULT_RHO = 0.75;

    /**
     * Checks the settings, refusing the first invalid one with an {@link InvalidSetting}.
     *
     * @param norm threat model, not null
     * @param eps radius in [0, 1] pixel units, finite, &gt;= 0 and within float32's range
     * @param iterations steps N per run, &gt;= 1
     * @param loss ce or dlr
     * @param targets 0 for untargeted, else the number of target classes, &gt;= 0
     * @param restarts runs per target from fresh random starts, &gt;= 1
     * @param eotDraws gradient calls averaged per step, &gt;= 1
     * @param rho the share of raising steps below which the step is halved, in (0, 1)
     */
    public ApgdSpec {
        InvalidSetting.require(norm != null, "norm", "must be given");
        AttackSpec.requireRadius(eps, "eps");
        InvalidSetting.require(iterations >= 1, "iterations", "must be >= 1, got " + iterations);
        InvalidSetting.require(
                loss == AttackLoss.CE || loss == AttackLoss.DLR, "loss", "must be ce or dlr for APGD, got " + loss);
        InvalidSetting.require(targets >= 0, "targets", "must be >= 0 (0 for untargeted), got " + targets);
        InvalidSetting.require(restarts >= 1, "restarts", "must be >= 1, got " + restarts);
        InvalidSetting.require(eotDraws >= 1, "eot_draws", "must be >= 1, got " + eotDraws);
        InvalidSetting.require(rho > 0 && rho < 1, "rho", "must be in (0, 1), got " + rho);
    }

    /**
     * @param eps L2 radius
     * @return a builder with every other setting at its default (untargeted CE, 100 iterations)
     */
    public static Builder l2(double eps) {
        return new Builder(Norm.L2, eps);
    }

    /**
     * @param eps L∞ radius
     * @return a builder with every other setting at its default (untargeted CE, 100 iterations)
     */
    public static Builder linf(double eps) {
        return new Builder(Norm.LINF, eps);
    }

    /**
     * @param norm threat model
     * @param eps radius
     * @return a builder with every other setting at its default
     */
    public static Builder of(Norm norm, double eps) {
        return new Builder(norm, eps);
    }

    /** @return a builder starting from this spec's settings */
    public Builder toBuilder() {
        return new Builder(norm, eps)
                .iterations(iterations)
                .loss(loss)
                .targets(targets)
                .restarts(restarts)
                .eotDraws(eotDraws)
                .rho(rho);
    }

    /** @return whether it runs toward target classes */
    public boolean targeted() {
        return targets > 0;
    }

    /** @return e.g. apgd-ce, apgd-dlr, apgd-t (targeted DLR) or apgd-t-ce: the attack's name in the literature */
    public String name() {
        return targeted() ? (loss == AttackLoss.DLR ? "apgd-t" : "apgd-t-ce") : "apgd-" + loss.id();
    }

    @Override
    public String label() {
        return String.format(
                Locale.ROOT,
                "%s-%s eps=%s iterations=%d%s%s%s%s",
                name(),
                norm.id(),
                eps,
                iterations,
                targeted() ? " targets=" + targets : "",
                restarts > 1 ? " restarts=" + restarts : "",
                eotDraws > 1 ? " eot=" + eotDraws : "",
                rho == DEFAULT_RHO ? "" : " rho=" + rho);
    }

    @Override
    public String partName() {
        return name();
    }

    @Override
    public double radius() {
        return eps;
    }

    /** @return the flat estimate */
    @Override
    public double gradientsPerImage() {
        return AttackSpec.FLAT_GRADIENTS_PER_IMAGE;
    }

    @Override
    public Attack attack() {
        return new AutoProjectedGradientDescent(this);
    }

    /** Collects APGD settings; unset ones keep their defaults. */
    public static final class Builder {
        private final Norm norm;
        private final double eps;
        private int iterations = DEFAULT_ITERATIONS;
        private AttackLoss loss = AttackLoss.CE;
        private int targets;
        private int restarts = 1;
        private int eotDraws = 1;
        private double rho = DEFAULT_RHO;

        private Builder(Norm norm, double eps) {
            this.norm = norm;
            this.eps = eps;
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
         * @param loss ce or dlr (default ce)
         * @return this
         */
        public Builder loss(AttackLoss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param targets target classes, 0 for untargeted (default 0)
         * @return this
         */
        public Builder targets(int targets) {
            this.targets = targets;
            return this;
        }

        /**
         * @param restarts runs from fresh random starts (default 1)
         * @return this
         */
        public Builder restarts(int restarts) {
            this.restarts = restarts;
            return this;
        }

        /**
         * @param eotDraws gradient calls averaged per step (default 1)
         * @return this
         */
        public Builder eotDraws(int eotDraws) {
            this.eotDraws = eotDraws;
            return this;
        }

        /**
         * @param rho the halving threshold (default 0.75)
         * @return this
         */
        public Builder rho(double rho) {
            this.rho = rho;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public ApgdSpec build() {
            return new ApgdSpec(norm, eps, iterations, loss, targets, restarts, eotDraws, rho);
        }
    }
}
