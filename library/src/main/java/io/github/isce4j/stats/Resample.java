package io.github.isce4j.stats;

import java.util.Map;

/**
 * One bootstrap replicate: per test set, which of its images are drawn (with replacement, as many as
 * it has). Every accuracy of a test set reads the same draw, which pairs them.
 */
public final class Resample {

    private final Map<String, int[]> drawn;

    Resample(Map<String, int[]> drawn) {
        this.drawn = drawn;
    }

    /**
     * @param testSet a test set of the statistic being resampled
     * @param images how many images it has
     * @return the indices of the drawn images (not to be changed)
     * @throws IllegalArgumentException when the test set was not drawn, or with another size
     */
    int[] indices(String testSet, int images) {
        int[] d = drawn.get(testSet);
        if (d == null || d.length != images) {
            throw new IllegalArgumentException("test set " + testSet + " of " + images + " images was not drawn");
        }
        return d;
    }
}
