package io.github.isce4j.train;

/**
 * What one training epoch measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's batches
 * @param trainAccuracy fraction of training images classified correctly during the epoch
 * @param testAccuracy clean accuracy on the test set after the epoch
 * @param imagesPerSecond training throughput (forward, backward and update; no evaluation)
 * @param seconds wall time of the training part of the epoch
 * @param residentMiB resident memory of the process at the end of the epoch
 * @param heldOutAccuracy clean accuracy on the held-out training images after the epoch; null
 *     (absent from metrics.json) when the run holds none out ({@link EarlyStopping})
 * @param stoppedEarly true on the epoch after which early stopping ended training before its
 *     cap; null (absent from metrics.json) on every other epoch
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testAccuracy,
        double imagesPerSecond,
        double seconds,
        double residentMiB,
        Double heldOutAccuracy,
        Boolean stoppedEarly) {}
