package io.github.isce4j.train;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.ProjectedGradientDescent;
import io.github.isce4j.attack.TargetChoice;
import java.util.List;
import java.util.Locale;

/**
 * PGD adversarial training (Madry et al. 2018): every training batch is replaced by PGD examples
 * of the current model (ratio 1.0), made against the true labels with cross-entropy on the
 * deployed output, the model's BatchNorm in inference mode while the attack runs.
 * <pre>{@code
 * AdversarialTraining at = AdversarialTraining.pgd(Norm.LINF, 0.3).steps(40).stepSize(0.01).randomStart(true).build();
 * }</pre>
 *
 * @param pgd the attack that makes each batch: untargeted, one start, CE, with a radius eps > 0
 */
public record AdversarialTraining(PgdSpec pgd) {

    /**
     * The paper's adversarial training as its script runs PGD (docs/method.md §2.7 and §3.4): 10 unprojected
     * sign steps of ε/2 = 0.01 for the paper's ε = 0.02, which is L∞ PGD with radius 0.1 where
     * the projection never binds.
     */
    public static final AdversarialTraining PAPER =
            pgd(Norm.LINF, 0.1).steps(10).stepSize(0.01).build();

    /** Madry et al.'s MNIST setting: L∞ radius 0.3, 40 steps of 0.01, random start. */
    public static final AdversarialTraining MADRY_MNIST =
            pgd(Norm.LINF, 0.3).steps(40).stepSize(0.01).randomStart(true).build();

    /**
     * Checks what adversarial training adds to PGD's own checks, and names the setting that is wrong.
     *
     * @param pgd the attack that makes each batch: not null, untargeted, one start, CE only, with a
     *     finite radius eps &gt; 0
     */
    public AdversarialTraining {
        AttackSpec.require(pgd != null, "adversarial training needs its PGD settings");
        requireRadius(pgd.eps());
        AttackSpec.require(
                pgd.losses().equals(List.of(AttackLoss.CE)) && pgd.restarts() == 1 && pgd.target() == TargetChoice.NONE,
                "adversarial training runs untargeted PGD on ce with one start, got " + pgd.label());
    }

    /** A radius of 0 would train on clean images under another name. */
    private static void requireRadius(double eps) {
        InvalidSetting.require(eps > 0 && Double.isFinite(eps), "eps", "must be finite and > 0, got " + eps);
    }

    /**
     * @param norm threat model
     * @param eps radius in [0, 1] pixel units, &gt; 0
     * @return a builder with PGD's defaults for the other settings (10 steps of 2.5·eps/10, no random start)
     */
    public static Builder pgd(Norm norm, double eps) {
        return new Builder(norm, eps);
    }

    /**
     * @param name paper or madry-mnist
     * @return the preset
     */
    public static AdversarialTraining preset(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "paper":
                return PAPER;
            case "madry-mnist":
                return MADRY_MNIST;
            default:
                throw new IllegalArgumentException(
                        "unknown adversarial training preset '" + name + "'; choose paper or madry-mnist");
        }
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        return pgd(pgd.norm(), pgd.eps())
                .steps(pgd.steps())
                .stepSize(pgd.stepSize())
                .randomStart(pgd.randomStart());
    }

    /** @return the attack that makes each training batch */
    public ProjectedGradientDescent attack() {
        return new ProjectedGradientDescent(pgd);
    }

    /** @return e.g. {@code pgd-at linf eps=0.1 steps=10 step=0.01} */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "pgd-at %s eps=%s steps=%d step=%s%s",
                pgd.norm().id(),
                pgd.eps(),
                pgd.steps(),
                pgd.stepSize(),
                pgd.randomStart() ? " random-start" : "");
    }

    /** Collects the settings adversarial training lets vary; the rest are fixed (untargeted, CE, one start). */
    public static final class Builder {
        private final PgdSpec.Builder pgd;
        private final double eps;

        private Builder(Norm norm, double eps) {
            this.pgd = PgdSpec.of(norm, eps).losses(AttackLoss.CE);
            this.eps = eps;
        }

        /**
         * @param steps PGD steps per batch (default 10)
         * @return this
         */
        public Builder steps(int steps) {
            pgd.steps(steps);
            return this;
        }

        /**
         * @param stepSize size of each step (default 2.5·eps/steps)
         * @return this
         */
        public Builder stepSize(double stepSize) {
            pgd.stepSize(stepSize);
            return this;
        }

        /**
         * @param randomStart start uniformly in the ball (default false)
         * @return this
         */
        public Builder randomStart(boolean randomStart) {
            pgd.randomStart(randomStart);
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidSetting naming the first invalid setting
         */
        public AdversarialTraining build() {
            requireRadius(eps); // before PGD's own check, which would allow 0
            return new AdversarialTraining(pgd.build());
        }
    }
}
