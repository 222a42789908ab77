package io.github.isce4j.attack;

import io.github.isce4j.InvalidSetting;
import java.util.Locale;

/**
 * The Square attack (Andriushchenko et al. 2020, "Square Attack: a query-efficient black-box
 * adversarial attack via random search"): score-based random search over square-shaped updates on
 * the margin of the logits, bounded in L2 or L∞. Queries count the first, clean one.
 * <pre>{@code
 * SquareSpec square = SquareSpec.linf(0.1).build();   // AutoAttack's stage: 5,000 queries, p_init 0.8
 * }</pre>
 *
 * @param norm threat model
 * @param eps radius in [0, 1] pixel units
 * @param maxQueries per-image query budget, the clean query included
 * @param pInit the fraction of the image the first squares cover, halved along the schedule
 */
@AttackSpec.Kind("square")
public record SquareSpec(Norm norm, double eps, int maxQueries, double pInit) implements AttackSpec {

    /** AutoAttack's query budget. */
    public static final int DEFAULT_QUERIES = 5000;
    /** AutoAttack's initial square fraction. */
    public static final double DEFAULT_P_INIT = 0.8;

    /**
     * Checks the settings, refusing the first invalid one with an {@link InvalidSetting}.
     *
     * @param norm threat model, not null
     * @param eps radius in [0, 1] pixel units, finite, &gt;= 0 and within float32's range
     * @param maxQueries per-image query budget, the clean query included, &gt;= 1
     * @param pInit the fraction of the image the first squares cover, in (0, 1]
     */
    public SquareSpec {
        // the query budget is named as the attack command's flag names it: --queries
        InvalidSetting.require(norm != null, "norm", "must be given");
        AttackSpec.requireRadius(eps, "eps");
        InvalidSetting.require(maxQueries >= 1, "queries", "must be >= 1, got " + maxQueries);
        InvalidSetting.require(pInit > 0 && pInit <= 1, "p_init", "must be in (0, 1], got " + pInit);
    }

    /**
     * @param eps L2 radius
     * @return a builder with AutoAttack's settings
     */
    public static Builder l2(double eps) {
        return new Builder(Norm.L2, eps);
    }

    /**
     * @param eps L∞ radius
     * @return a builder with AutoAttack's settings
     */
    public static Builder linf(double eps) {
        return new Builder(Norm.LINF, eps);
    }

    /**
     * @param norm threat model
     * @param eps radius
     * @return a builder with AutoAttack's settings
     */
    public static Builder of(Norm norm, double eps) {
        return new Builder(norm, eps);
    }

    @Override
    public String label() {
        return String.format(
                Locale.ROOT,
                "square-%s eps=%s queries=%d%s",
                norm.id(),
                eps,
                maxQueries,
                pInit == DEFAULT_P_INIT ? "" : " p-init=" + pInit);
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
        return new SquareAttack(this);
    }

    /** Collects Square settings; unset ones keep their defaults. */
    public static final class Builder {
        private final Norm norm;
        private final double eps;
        private int queries = DEFAULT_QUERIES;
        private double pInit = DEFAULT_P_INIT;

        private Builder(Norm norm, double eps) {
            this.norm = norm;
            this.eps = eps;
        }

        /**
         * @param queries per-image budget, the clean query included (default 5,000)
         * @return this
         */
        public Builder queries(int queries) {
            this.queries = queries;
            return this;
        }

        /**
         * @param pInit initial square fraction (default 0.8)
         * @return this
         */
        public Builder pInit(double pInit) {
            this.pInit = pInit;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public SquareSpec build() {
            return new SquareSpec(norm, eps, queries, pInit);
        }
    }
}
