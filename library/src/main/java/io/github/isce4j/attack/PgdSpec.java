package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.List;
import java.util.Locale;

/**
 * Projected gradient descent (Madry et al. 2018) under the bounded protocol: {@code steps}
 * steepest-ascent steps projected onto the ε-ball and the [0, 1] box, one attack per loss, the
 * per-image worst case deciding. Build one with {@link #l2(double)} or {@link #linf(double)}:
 * <pre>{@code
 * PgdSpec pgd = PgdSpec.l2(1.0).steps(50).target(TargetChoice.LEAST_LIKELY).build();
 * }</pre>
 *
 * @param norm threat model
 * @param eps radius in [0, 1] pixel units
 * @param steps steps per restart
 * @param stepSize step length
 * @param randomStart start uniformly in the ball instead of at the image
 * @param restarts restarts, the best point kept per image
 * @param target untargeted, least-likely or random target
 * @param losses attack losses, worst case per image
 */
@AttackSpec.Kind("pgd")
public record PgdSpec(
        Norm norm,
        double eps,
        int steps,
        double stepSize,
        boolean randomStart,
        int restarts,
        TargetChoice target,
        List<AttackLoss> losses)
        implements AttackSpec {

    /** Default step count. */
    public static final int DEFAULT_STEPS = 10;
    /** The losses used when none are given: CE on the deployed output and the logit margin. */
    public static final List<AttackLoss> DEFAULT_LOSSES = List.of(AttackLoss.CE, AttackLoss.MARGIN);

    /**
     * Checks the settings, refusing the first invalid one.
     *
     * @param norm threat model, not null
     * @param eps radius in [0, 1] pixel units, finite, &gt;= 0 and within float32's range
     * @param steps steps per restart, &gt;= 1
     * @param stepSize step length in [0, 1] pixel units, finite, &gt; 0 and within float32's range
     * @param randomStart start uniformly in the ball instead of at the image
     * @param restarts restarts, &gt;= 1, the best point kept per image
     * @param target target choice, not null ({@link TargetChoice#NONE} for untargeted)
     * @param losses attack losses, worst case per image: at least one, none repeated
     */
    public PgdSpec {
        InvalidSetting.require(norm != null, "norm", "must be given");
        AttackSpec.requireRadius(eps, "eps");
        InvalidSetting.require(steps >= 1, "steps", "must be >= 1, got " + steps);
        InvalidSetting.require(
                stepSize > 0 && Double.isFinite(stepSize), "step_size", "must be finite and > 0, got " + stepSize);
        Norm.requireFloat32("step_size", stepSize);
        InvalidSetting.require(restarts >= 1, "restarts", "must be >= 1, got " + restarts);
        InvalidSetting.require(target != null, "target", "must be given (NONE for untargeted)");
        losses = AttackSpec.losses(losses);
    }

    /**
     * The customary step size 2.5·ε/steps (Madry et al.), which lets the iterate cross the ball.
     *
     * @param eps radius
     * @param steps number of steps
     * @return the step size
     */
    public static double defaultStepSize(double eps, int steps) {
        return eps == 0 ? 1e-6 : 2.5 * eps / steps;
    }

    /**
     * @param eps L2 radius
     * @return a builder with every other setting at its default
     */
    public static Builder l2(double eps) {
        return new Builder(Norm.L2, eps);
    }

    /**
     * @param eps L∞ radius
     * @return a builder with every other setting at its default
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
        Builder b = new Builder(norm, eps)
                .steps(steps)
                .randomStart(randomStart)
                .restarts(restarts)
                .target(target)
                .losses(losses);
        return stepSize == defaultStepSize(eps, steps) ? b : b.stepSize(stepSize);
    }

    @Override
    public String label() {
        return String.format(
                Locale.ROOT,
                "pgd-%s eps=%s steps=%d%s%s loss=%s%s%s",
                norm.id(),
                eps,
                steps,
                stepSize == defaultStepSize(eps, steps) ? "" : " step=" + stepSize,
                target == TargetChoice.NONE ? "" : " target=" + target.id(),
                AttackSpec.ids(losses),
                restarts > 1 ? " restarts=" + restarts : "",
                randomStart ? " random-start" : "");
    }

    @Override
    public double radius() {
        return eps;
    }

    /** @return one gradient per step, restart and loss */
    @Override
    public double gradientsPerImage() {
        return (double) steps * restarts * losses.size();
    }

    @Override
    public List<AttackSpec> parts() {
        return AttackSpec.perLoss(this, losses, l -> toBuilder().losses(l).build());
    }

    @Override
    public String partName() {
        return AttackSpec.ids(losses);
    }

    @Override
    public Attack attack() {
        return new ProjectedGradientDescent(this);
    }

    /** Collects PGD settings; unset ones keep their defaults. */
    public static final class Builder {
        private final Norm norm;
        private final double eps;
        private int steps = DEFAULT_STEPS;
        private Double stepSize;
        private boolean randomStart;
        private int restarts = 1;
        private TargetChoice target = TargetChoice.NONE;
        private List<AttackLoss> losses = DEFAULT_LOSSES;

        private Builder(Norm norm, double eps) {
            this.norm = norm;
            this.eps = eps;
        }

        /**
         * @param steps steps per restart (default 10)
         * @return this
         */
        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        /**
         * @param stepSize step length (default 2.5·eps/steps)
         * @return this
         */
        public Builder stepSize(double stepSize) {
            this.stepSize = stepSize;
            return this;
        }

        /**
         * @param randomStart start uniformly in the ball (default false)
         * @return this
         */
        public Builder randomStart(boolean randomStart) {
            this.randomStart = randomStart;
            return this;
        }

        /**
         * @param restarts restarts, best point kept (default 1)
         * @return this
         */
        public Builder restarts(int restarts) {
            this.restarts = restarts;
            return this;
        }

        /**
         * @param target target choice (default untargeted)
         * @return this
         */
        public Builder target(TargetChoice target) {
            this.target = target;
            return this;
        }

        /**
         * @param losses attack losses, worst case per image (default ce and margin)
         * @return this
         */
        public Builder losses(List<AttackLoss> losses) {
            this.losses = losses;
            return this;
        }

        /**
         * @param losses attack losses, worst case per image
         * @return this
         */
        public Builder losses(AttackLoss... losses) {
            return losses(List.of(losses));
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public PgdSpec build() {
            return new PgdSpec(
                    norm,
                    eps,
                    steps,
                    stepSize != null ? stepSize : defaultStepSize(eps, steps),
                    randomStart,
                    restarts,
                    target,
                    losses);
        }
    }
}
