package io.github.isce4j.stats;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The fraction of images of one test set with outcome 1 (classified correctly, or still correct
 * after an attack). Accuracies of the same test set are paired: a bootstrap replicate draws the same
 * images for all of them.
 *
 * @param testSet which images, e.g. "ResNet-32 on MNIST, first 500 test images"; two accuracies of
 *     the same test set must have as many outcomes
 * @param outcomes one per image, in image order; at least one
 */
public record Accuracy(String testSet, boolean[] outcomes) implements Statistic {

    /**
     * Checks and copies the outcomes.
     *
     * @param testSet which images
     * @param outcomes one per image, in image order; copied
     * @throws IllegalArgumentException when the test set is blank or there are no outcomes
     */
    public Accuracy {
        if (testSet == null || testSet.isBlank()) {
            throw new IllegalArgumentException("an accuracy needs the name of its test set");
        }
        if (outcomes == null || outcomes.length == 0) {
            throw new IllegalArgumentException("an accuracy needs at least one image's outcome (" + testSet + ")");
        }
        outcomes = outcomes.clone();
    }

    /** @return a copy of the outcomes */
    @Override
    public boolean[] outcomes() {
        return outcomes.clone();
    }

    /** @return how many images */
    public int images() {
        return outcomes.length;
    }

    /** @return how many images have outcome 1 */
    public int successes() {
        int k = 0;
        for (boolean o : outcomes) {
            k += o ? 1 : 0;
        }
        return k;
    }

    @Override
    public double value() {
        return (double) successes() / outcomes.length;
    }

    @Override
    public double on(Resample resample) {
        int[] drawn = resample.indices(testSet, outcomes.length);
        int k = 0;
        for (int i : drawn) {
            k += outcomes[i] ? 1 : 0;
        }
        return (double) k / drawn.length;
    }

    @Override
    public Stream<Accuracy> leaves() {
        return Stream.of(this);
    }

    // equal when of the same test set with the same outcomes, not by array identity
    @Override
    public boolean equals(Object o) {
        return o instanceof Accuracy a && a.testSet.equals(testSet) && Arrays.equals(a.outcomes, outcomes);
    }

    @Override
    public int hashCode() {
        return 31 * testSet.hashCode() + Arrays.hashCode(outcomes);
    }

    @Override
    public String toString() {
        return "Accuracy[" + testSet + ", " + successes() + " of " + outcomes.length + "]";
    }
}
