package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.List;
import java.util.Locale;

/**
 * The fast gradient sign method: one steepest-ascent step of size {@code eps} per attack loss.
 *
 * @param norm threat model
 * @param eps radius in [0, 1] pixel units
 * @param losses attack losses, worst case per image
 */
@AttackSpec.Kind("fgsm")
public record FgsmSpec(Norm norm, double eps, List<AttackLoss> losses) implements AttackSpec {

    /** The losses used when none are given: CE on the deployed output and the logit margin. */
    public static final List<AttackLoss> DEFAULT_LOSSES = List.of(AttackLoss.CE, AttackLoss.MARGIN);

    /**
     * Checks the settings, refusing the first invalid one.
     *
     * @param norm threat model, not null
     * @param eps radius in [0, 1] pixel units, finite, &gt;= 0 and within float32's range
     * @param losses attack losses, worst case per image: at least one, none repeated
     */
    public FgsmSpec {
        InvalidSetting.require(norm != null, "norm", "must be given");
        AttackSpec.requireRadius(eps, "eps");
        losses = AttackSpec.losses(losses);
    }

    /**
     * @param norm threat model
     * @param eps radius
     */
    public FgsmSpec(Norm norm, double eps) {
        this(norm, eps, DEFAULT_LOSSES);
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "fgsm-%s eps=%s loss=%s", norm.id(), eps, AttackSpec.ids(losses));
    }

    @Override
    public double radius() {
        return eps;
    }

    /** @return one gradient per loss */
    @Override
    public double gradientsPerImage() {
        return losses.size();
    }

    @Override
    public List<AttackSpec> parts() {
        return AttackSpec.perLoss(this, losses, l -> new FgsmSpec(norm, eps, List.of(l)));
    }

    @Override
    public String partName() {
        return AttackSpec.ids(losses);
    }

    @Override
    public Attack attack() {
        return new FastGradientSignMethod(this);
    }
}
