package io.github.isce4j.stats;

import java.util.List;
import java.util.stream.Stream;

/**
 * The smallest of several statistics, chosen anew in every bootstrap replicate.
 *
 * @param parts at least one statistic
 */
public record Minimum(List<Statistic> parts) implements Statistic {

    /**
     * Checks and copies the parts.
     *
     * @param parts at least one statistic; copied
     * @throws IllegalArgumentException when there are none
     */
    public Minimum {
        parts = Parts.checked(parts, "smallest");
    }

    @Override
    public double value() {
        return parts.stream().mapToDouble(Statistic::value).min().orElseThrow();
    }

    @Override
    public double on(Resample resample) {
        double v = Double.POSITIVE_INFINITY;
        for (Statistic s : parts) {
            v = Math.min(v, s.on(resample));
        }
        return v;
    }

    @Override
    public Stream<Accuracy> leaves() {
        return parts.stream().flatMap(Statistic::leaves);
    }
}
