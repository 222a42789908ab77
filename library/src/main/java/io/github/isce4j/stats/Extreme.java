package io.github.isce4j.stats;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;

/**
 * The largest or the smallest of several statistics, chosen anew in every bootstrap replicate.
 *
 * @param end which one
 * @param parts at least one statistic
 */
public record Extreme(End end, List<Statistic> parts) implements Statistic {

    /** Which end of the parts an extreme takes. */
    public enum End {
        /** The largest. */
        LARGEST(Double.NEGATIVE_INFINITY, Math::max),
        /** The smallest. */
        SMALLEST(Double.POSITIVE_INFINITY, Math::min);

        private final double start;
        private final DoubleBinaryOperator pick;

        End(double start, DoubleBinaryOperator pick) {
            this.start = start;
            this.pick = pick;
        }
    }

    /**
     * Checks and copies the parts.
     *
     * @param end which one, not null
     * @param parts at least one statistic; copied
     * @throws IllegalArgumentException when there are none
     */
    public Extreme {
        java.util.Objects.requireNonNull(end, "end");
        parts = Parts.checked(parts, end == End.LARGEST ? "largest" : "smallest");
    }

    @Override
    public double value() {
        return parts.stream().mapToDouble(Statistic::value).reduce(end.start, end.pick);
    }

    @Override
    public double on(Resample resample) {
        double v = end.start;
        for (Statistic s : parts) {
            v = end.pick.applyAsDouble(v, s.on(resample));
        }
        return v;
    }

    @Override
    public Stream<Accuracy> leaves() {
        return parts.stream().flatMap(Statistic::leaves);
    }
}
