package io.github.isce4j.train;

import io.github.isce4j.InvalidSetting;
import java.util.List;
import java.util.Locale;

/**
 * Training until converged: the last {@code holdOut} images of the training set are held out (no
 * gradient sees them), their accuracy is measured after every epoch, and training stops once it
 * has not improved for {@code patience} epochs; the configured epochs stay the cap. The decision
 * is a function of the recorded epochs alone, so a resumed run counts its patience on from the
 * metrics its checkpoint holds.
 *
 * <p>The model kept is the one of the last epoch trained, not the best held-out one: it is the
 * model whose test accuracy metrics.json records last, the checkpoint alone resumes it, and it is
 * at most {@code patience} epochs past the best.
 *
 * @param patience epochs without a new best held-out accuracy before training stops, &gt;= 1
 * @param holdOut images at the end of the (limited) training set held out to measure it, &gt;= 1
 */
public record EarlyStopping(int patience, int holdOut) {

    /** Images held out unless told otherwise: as many as the common MNIST validation split. */
    public static final int DEFAULT_HOLD_OUT = 5_000;

    /**
     * @param patience epochs without a new best held-out accuracy before training stops, &gt;= 1
     *     (patience)
     * @param holdOut images at the end of the training set held out, &gt;= 1 (hold_out)
     * @throws InvalidSetting naming the setting out of its range
     */
    public EarlyStopping {
        InvalidSetting.require(patience >= 1, "patience", "must be >= 1, got " + patience);
        InvalidSetting.require(holdOut >= 1, "hold_out", "must be >= 1, got " + holdOut);
    }

    /**
     * @param history the finished epochs, each with its held-out accuracy
     * @return the earliest epoch with the highest held-out accuracy (a tie is no improvement), 0 when none
     */
    public int bestEpoch(List<EpochMetrics> history) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (EpochMetrics m : history) {
            if (m.heldOutAccuracy() != null && m.heldOutAccuracy() > top) {
                top = m.heldOutAccuracy();
                best = m.epoch();
            }
        }
        return best;
    }

    /**
     * @param history the finished epochs
     * @return whether the held-out accuracy has not improved for {@code patience} epochs
     */
    public boolean stops(List<EpochMetrics> history) {
        if (history.isEmpty()) {
            return false;
        }
        return history.get(history.size() - 1).epoch() - bestEpoch(history) >= patience;
    }

    /**
     * @param history the finished epochs, after which training {@link #stops}
     * @return why training stopped, in words
     */
    public String reason(List<EpochMetrics> history) {
        int best = bestEpoch(history);
        double accuracy = history.stream()
                .filter(m -> m.epoch() == best)
                .findFirst()
                .map(EpochMetrics::heldOutAccuracy)
                .orElse(Double.NaN);
        return String.format(
                Locale.ROOT,
                "held-out accuracy has not improved for %d epochs (best %.2f%% after epoch %d, on %,d held-out"
                        + " training images); keeping the model of epoch %d",
                patience,
                100 * accuracy,
                best,
                holdOut,
                history.get(history.size() - 1).epoch());
    }

    /** @return patience and hold-out in words, e.g. "early stopping: patience 5 on 5,000 held-out images" */
    public String describe() {
        return String.format(
                Locale.ROOT, "early stopping: patience %d on %,d held-out training images", patience, holdOut);
    }
}
