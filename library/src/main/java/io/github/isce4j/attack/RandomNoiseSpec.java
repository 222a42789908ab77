package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/**
 * Random noise on the surface of the ε-ball (L2: a uniform direction of length ε; L∞: a random
 * corner of the cube): the baseline every attack must beat by far.
 *
 * @param norm threat model
 * @param eps radius in [0, 1] pixel units
 */
@AttackSpec.Kind("noise")
public record RandomNoiseSpec(Norm norm, double eps) implements AttackSpec {

    /**
     * Checks the settings, refusing the first invalid one with an {@link InvalidSetting}.
     *
     * @param norm threat model, not null
     * @param eps radius in [0, 1] pixel units, finite, &gt;= 0 and within float32's range
     */
    public RandomNoiseSpec {
        InvalidSetting.require(norm != null, "norm", "must be given");
        AttackSpec.requireRadius(eps, "eps");
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "noise-%s eps=%s", norm.id(), eps);
    }

    @Override
    public double radius() {
        return eps;
    }

    /** @return the flat estimate (the attack itself asks one query) */
    @Override
    public double gradientsPerImage() {
        return AttackSpec.FLAT_GRADIENTS_PER_IMAGE;
    }

    @Override
    public Attack attack() {
        return new RandomNoise(this);
    }
}
