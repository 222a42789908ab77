package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/**
 * DeepFool (Moosavi-Dezfooli et al. 2016): the minimal L2 perturbation by linearising the
 * decision boundaries of the top candidate classes; judged at budgets after the fact.
 *
 * @param overshoot how far past the linearised boundary each step goes
 * @param maxIterations iterations at most
 * @param candidates classes considered, the true one included (at least 2)
 */
@AttackSpec.Kind("deepfool")
public record DeepFoolSpec(double overshoot, int maxIterations, int candidates) implements AttackSpec {

    /** Default overshoot, as in the original paper. */
    public static final double DEFAULT_OVERSHOOT = 0.02;
    /** Default iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 50;
    /** Default number of candidate classes. */
    public static final int DEFAULT_CANDIDATES = 10;

    /**
     * Checks the settings, refusing the first invalid one with an {@link InvalidSetting}.
     *
     * @param overshoot how far past the linearised boundary each step goes, finite and &gt;= 0
     *     (default 0.02)
     * @param maxIterations iterations at most, &gt;= 1 (default 50)
     * @param candidates classes considered, the true one included, &gt;= 2 (default 10)
     */
    public DeepFoolSpec {
        InvalidSetting.require(
                overshoot >= 0 && Double.isFinite(overshoot), "overshoot", "must be >= 0, got " + overshoot);
        InvalidSetting.require(maxIterations >= 1, "max_iterations", "must be >= 1, got " + maxIterations);
        InvalidSetting.require(candidates >= 2, "candidates", "must be >= 2, got " + candidates);
    }

    /** DeepFool with its defaults. */
    public DeepFoolSpec() {
        this(DEFAULT_OVERSHOOT, DEFAULT_MAX_ITERATIONS, DEFAULT_CANDIDATES);
    }

    @Override
    public String label() {
        String extra = maxIterations == DEFAULT_MAX_ITERATIONS && candidates == DEFAULT_CANDIDATES
                ? ""
                : String.format(Locale.ROOT, " iterations=%d candidates=%d", maxIterations, candidates);
        return String.format(Locale.ROOT, "deepfool overshoot=%s%s", overshoot, extra);
    }

    @Override
    public double radius() {
        return Double.NaN;
    }

    /** @return most images fall within a few iterations; each asks one gradient per candidate class */
    @Override
    public double gradientsPerImage() {
        return 3.0 * candidates;
    }

    @Override
    public Attack attack() {
        return new DeepFool(this);
    }
}
