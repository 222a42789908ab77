package io.github.isce4j.train;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished training run.
 *
 * @param dir its run directory
 * @param config what was trained
 * @param epochs the metrics of every epoch
 */
public record TrainingResult(Path dir, TrainingConfig config, List<EpochMetrics> epochs) {

    /** @return clean test accuracy after the last epoch */
    public double testAccuracy() {
        return epochs.get(epochs.size() - 1).testAccuracy();
    }

    /** @return median training throughput over the epochs after the first (warm-up) one */
    public double medianImagesPerSecond() {
        double[] rates = epochs.stream()
                .skip(epochs.size() > 1 ? 1 : 0)
                .mapToDouble(EpochMetrics::imagesPerSecond)
                .sorted()
                .toArray();
        int mid = rates.length / 2;
        return rates.length % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
    }

    /** @return resident memory after the last epoch, MiB */
    public double finalResidentMiB() {
        return epochs.get(epochs.size() - 1).residentMiB();
    }
}
