package io.github.isce4j.stats;

import java.util.List;
import java.util.stream.Stream;

/**
 * The largest of several statistics, chosen anew in every bootstrap replicate.
 *
 * @param parts at least one statistic
 */
public record Maximum(List<Statistic> parts) implements Statistic {

    /**
     * Checks and copies the parts.
     *
     * @param parts at least one statistic; copied
     * @throws IllegalArgumentException when there are none
     */
    public Maximum {
        parts = Parts.checked(parts, "largest");
    }

    @Override
    public double value() {
        return parts.stream().mapToDouble(Statistic::value).max().orElseThrow();
    }

    @Override
    public double on(Resample resample) {
        double v = Double.NEGATIVE_INFINITY;
        for (Statistic s : parts) {
            v = Math.max(v, s.on(resample));
        }
        return v;
    }

    @Override
    public Stream<Accuracy> leaves() {
        return parts.stream().flatMap(Statistic::leaves);
    }
}
