package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/**
 * SimBA (Guo et al. 2019), the score-based black-box attack: ±{@code eps} steps along orthonormal
 * directions, kept when the true class's probability falls. Queries count the first, clean one.
 * <pre>{@code
 * SimBaSpec simba = SimBaSpec.dct().queries(500).build();
 * }</pre>
 *
 * @param basis pixel or DCT directions
 * @param eps step along each direction
 * @param maxQueries per-image query budget, the clean query included
 * @param maxL2 bound on the final perturbation's L2 norm; +∞ for none
 * @param target untargeted, least-likely or random target
 */
@AttackSpec.Kind("simba")
public record SimBaSpec(SimBaBasis basis, double eps, int maxQueries, double maxL2, TargetChoice target)
        implements AttackSpec {

    /** The step of the paper's experiments. */
    public static final double DEFAULT_EPS = 0.2;
    /** The paper's MNIST budget (CIFAR-10: 500). */
    public static final int DEFAULT_QUERIES = 300;

    /**
     * Checks the settings, refusing the first invalid one with an {@link InvalidSetting} named as
     * the attack command's flag.
     *
     * @param basis pixel or DCT directions, not null
     * @param eps step along each direction in [0, 1] pixel units, finite, &gt; 0 and within float32's range
     * @param maxQueries per-image query budget, the clean query included, &gt;= 1
     * @param maxL2 bound on the final perturbation's L2 norm, &gt; 0; +∞ for none
     * @param target target choice, not null ({@link TargetChoice#NONE} for untargeted)
     */
    public SimBaSpec {
        // named as the attack command's flags name them: --simba-eps, --queries
        InvalidSetting.require(basis != null, "basis", "must be given");
        InvalidSetting.require(eps > 0 && Double.isFinite(eps), "simba_eps", "must be finite and > 0, got " + eps);
        Norm.requireFloat32("simba_eps", eps);
        InvalidSetting.require(maxQueries >= 1, "queries", "must be >= 1, got " + maxQueries);
        InvalidSetting.require(maxL2 > 0, "max_l2", "must be > 0 (or infinite for none), got " + maxL2);
        InvalidSetting.require(target != null, "target", "must be given (NONE for untargeted)");
    }

    /** @return a builder for SimBA-DCT with the paper's settings */
    public static Builder dct() {
        return new Builder(SimBaBasis.DCT);
    }

    /** @return a builder for SimBA in the pixel basis with the paper's settings */
    public static Builder pixel() {
        return new Builder(SimBaBasis.PIXEL);
    }

    /**
     * @param basis pixel or DCT directions
     * @return a builder with the paper's settings
     */
    public static Builder of(SimBaBasis basis) {
        return new Builder(basis);
    }

    @Override
    public String label() {
        return String.format(
                Locale.ROOT,
                "simba-%s eps=%s queries=%d%s%s",
                basis.id(),
                eps,
                maxQueries,
                Double.isFinite(maxL2) ? " max-l2=" + maxL2 : "",
                target == TargetChoice.NONE ? "" : " target=" + target.id());
    }

    @Override
    public double radius() {
        return Double.NaN;
    }

    /** @return a third of the query budget, a forward-only query costing less than a gradient */
    @Override
    public double gradientsPerImage() {
        return maxQueries / 3.0;
    }

    @Override
    public Attack attack() {
        return new SimBa(this);
    }

    /** Collects SimBA settings; unset ones keep their defaults. */
    public static final class Builder {
        private final SimBaBasis basis;
        private double eps = DEFAULT_EPS;
        private int queries = DEFAULT_QUERIES;
        private double maxL2 = Double.POSITIVE_INFINITY;
        private TargetChoice target = TargetChoice.NONE;

        private Builder(SimBaBasis basis) {
            this.basis = basis;
        }

        /**
         * @param eps step along each direction (default 0.2)
         * @return this
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * @param queries per-image budget, the clean query included (default 300)
         * @return this
         */
        public Builder queries(int queries) {
            this.queries = queries;
            return this;
        }

        /**
         * @param maxL2 bound on the final perturbation's L2 norm (default none)
         * @return this
         */
        public Builder maxL2(double maxL2) {
            this.maxL2 = maxL2;
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
         * @return the spec
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public SimBaSpec build() {
            return new SimBaSpec(basis, eps, queries, maxL2, target);
        }
    }
}
