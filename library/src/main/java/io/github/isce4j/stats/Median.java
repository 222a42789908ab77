package io.github.isce4j.stats;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The median of several statistics, the mean of the middle two for an even count, taken anew in
 * every bootstrap replicate.
 *
 * @param parts at least one statistic
 */
public record Median(List<Statistic> parts) implements Statistic {

    /**
     * Checks and copies the parts.
     *
     * @param parts at least one statistic; copied
     * @throws IllegalArgumentException when there are none
     */
    public Median {
        parts = Parts.checked(parts, "median");
    }

    @Override
    public double value() {
        return median(parts.stream().mapToDouble(Statistic::value).toArray());
    }

    @Override
    public double on(Resample resample) {
        double[] values = new double[parts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parts.get(i).on(resample);
        }
        return median(values);
    }

    @Override
    public Stream<Accuracy> leaves() {
        return parts.stream().flatMap(Statistic::leaves);
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
