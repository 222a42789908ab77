package io.github.isce4j.stats;

import java.util.stream.Stream;

/**
 * One statistic minus another, e.g. I-SCE's robust accuracy minus the best rival's on the same
 * images.
 *
 * @param minuend what is subtracted from
 * @param subtrahend what is subtracted
 */
public record Difference(Statistic minuend, Statistic subtrahend) implements Statistic {

    /**
     * Checks both are there.
     *
     * @param minuend what is subtracted from
     * @param subtrahend what is subtracted
     * @throws IllegalArgumentException when either is null
     */
    public Difference {
        if (minuend == null || subtrahend == null) {
            throw new IllegalArgumentException("a difference needs both statistics");
        }
    }

    @Override
    public double value() {
        return minuend.value() - subtrahend.value();
    }

    @Override
    public double on(Resample resample) {
        return minuend.on(resample) - subtrahend.on(resample);
    }

    @Override
    public Stream<Accuracy> leaves() {
        return Stream.concat(minuend.leaves(), subtrahend.leaves());
    }
}
