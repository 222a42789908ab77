package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/**
 * The authors' attack script (docs/method.md §3): unprojected sign steps of {@code eps / 2} in
 * [0, 1] units, against the clean prediction, CE on the deployed output.
 *
 * @param eps the paper's per-step ε in its [−1, 1] units (e.g. 0.02, 0.04)
 * @param steps sign steps
 * @param target target choice
 */
@AttackSpec.Kind("paper-protocol")
public record PaperProtocolSpec(double eps, int steps, TargetChoice target) implements AttackSpec {

    /** The paper's step count. */
    public static final int DEFAULT_STEPS = 50;

    /**
     * Checks the settings, refusing the first invalid one with an {@link InvalidSetting}.
     *
     * @param eps the paper's per-step ε in its [−1, 1] units, finite, &gt;= 0 and within float32's range
     * @param steps sign steps, &gt;= 1 (default 50)
     * @param target target choice, not null ({@link TargetChoice#NONE} for untargeted)
     */
    public PaperProtocolSpec {
        AttackSpec.requireRadius(eps, "eps");
        InvalidSetting.require(steps >= 1, "steps", "must be >= 1, got " + steps);
        InvalidSetting.require(target != null, "target", "must be given (NONE for untargeted)");
    }

    /** @param eps the paper's per-step ε, untargeted, 50 steps */
    public PaperProtocolSpec(double eps) {
        this(eps, DEFAULT_STEPS, TargetChoice.NONE);
    }

    @Override
    public String label() {
        return String.format(
                Locale.ROOT,
                "paper-protocol eps=%s steps=%d%s",
                eps,
                steps,
                target == TargetChoice.NONE ? "" : " target=" + target.id());
    }

    @Override
    public double radius() {
        return eps;
    }

    /** @return one gradient per step */
    @Override
    public double gradientsPerImage() {
        return steps;
    }

    @Override
    public Protocol protocol() {
        return Protocol.PAPER;
    }

    @Override
    public Attack attack() {
        return new PaperProtocolAttack(this);
    }
}
