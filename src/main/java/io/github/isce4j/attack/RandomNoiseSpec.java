package io.github.isce4j.attack;

import java.util.Locale;

/**
 * Random noise on the surface of the ε-ball (L2: a uniform direction of length ε; L∞: a random
 * corner of the cube): the baseline every attack must beat by far.
 *
 * @param norm threat model
 * @param eps radius in [0, 1] pixel units
 */
public record RandomNoiseSpec(Norm norm, double eps) implements AttackSpec {

    /** Checks the settings. */
    public RandomNoiseSpec {
        AttackSpec.requireRadius(eps, "eps");
    }

    @Override
    public String kind() {
        return "noise";
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "noise-%s eps=%s", norm.id(), eps);
    }

    @Override
    public double radius() {
        return eps;
    }

    @Override
    public Attack attack() {
        return new RandomNoise(norm, eps);
    }
}
