package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/** Clean accuracy of a classifier on a labelled set, computed batch by batch. */
public final class Accuracy {

    private Accuracy() {}

    /**
     * @param classifier the model
     * @param images [N, C, H, W] in [0, 1]
     * @param labels int64 [N]
     * @param batchSize images per forward pass
     * @return the fraction of images whose prediction equals the label
     */
    public static double of(Classifier classifier, NDArray images, NDArray labels, int batchSize) {
        long n = images.getShape().get(0);
        long correct = 0;
        for (long start = 0; start < n; start += batchSize) {
            try (NDManager batch = images.getManager().newSubManager()) {
                NDIndex rows = new NDIndex().addSliceDim(start, Math.min(n, start + batchSize));
                NDArray predicted = classifier.predict(images.get(batch, rows));
                correct += predicted.eq(labels.get(batch, rows)).countNonzero().getLong();
            }
        }
        return n == 0 ? 0 : (double) correct / n;
    }
}
