package io.github.isce4j.train;

import io.github.isce4j.InvalidSetting;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.ProjectedGradientDescent;
import io.github.isce4j.attack.TargetChoice;

import java.util.Locale;

/**
 * PGD adversarial training (Madry et al. 2018): every training batch is replaced by PGD examples
 * of the current model (ratio 1.0), made against the true labels with cross-entropy on the
 * deployed output, the model's BatchNorm in inference mode while the attack runs.
 *
 * @param norm threat model
 * @param eps radius in [0, 1] pixel units
 * @param steps PGD steps per batch
 * @param stepSize size of each step
 * @param randomStart start uniformly in the ball
 */
public record AdversarialTraining(Norm norm, double eps, int steps, double stepSize, boolean randomStart) {

    /**
     * The paper's adversarial training as its script runs PGD (docs/method.md §2.7 and §3.4): 10 unprojected
     * sign steps of ε/2 = 0.01 for the paper's ε = 0.02, which is L∞ PGD with radius 0.1 where
     * the projection never binds.
     */
    public static final AdversarialTraining PAPER = new AdversarialTraining(Norm.LINF, 0.1, 10, 0.01, false);

    /** Madry et al.'s MNIST setting: L∞ radius 0.3, 40 steps of 0.01, random start. */
    public static final AdversarialTraining MADRY_MNIST = new AdversarialTraining(Norm.LINF, 0.3, 40, 0.01, true);

    /**
     * Checks the values and names the one that is wrong, as config.json's
     * {@code adversarial_training} entry names it.
     *
     * @throws InvalidSetting naming norm, eps, steps or step_size
     */
    public AdversarialTraining {
        InvalidSetting.require(norm != null, "norm", "is required (l2 or linf)");
        InvalidSetting.require(eps > 0 && Double.isFinite(eps), "eps", "must be finite and > 0, got " + eps);
        InvalidSetting.require(steps >= 1, "steps", "must be >= 1, got " + steps);
        InvalidSetting.require(stepSize > 0 && Double.isFinite(stepSize), "step_size",
                "must be finite and > 0, got " + stepSize);
    }

    /**
     * @param name paper or madry-mnist
     * @return the preset
     */
    public static AdversarialTraining preset(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "paper": return PAPER;
            case "madry-mnist": return MADRY_MNIST;
            default: throw new IllegalArgumentException("unknown adversarial training preset '" + name
                    + "'; choose paper or madry-mnist");
        }
    }

    /** @return the attack that makes each training batch */
    public ProjectedGradientDescent attack() {
        return new ProjectedGradientDescent(norm, eps, steps, stepSize, randomStart, 1, TargetChoice.NONE, AttackLoss.CE);
    }

    /** @return e.g. {@code pgd-at linf eps=0.1 steps=10 step=0.01} */
    public String describe() {
        return String.format(Locale.ROOT, "pgd-at %s eps=%s steps=%d step=%s%s", norm.id(), eps, steps, stepSize,
                randomStart ? " random-start" : "");
    }
}
