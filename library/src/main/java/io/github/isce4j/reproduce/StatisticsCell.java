package io.github.isce4j.reproduce;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.model.Scalar;
import java.nio.file.Path;

/**
 * The constants of the paper's Fig. 3 measured on a trained model: with t = z/‖z‖ the normalised
 * logits, f is the mean of t at the true class and S the mean of Σ_{j≠y} e^{t_j} (the paper
 * assumes f = 0.97 and S = 8).
 *
 * @param model the trained I-SCE model
 * @param images first this many test images
 */
public record StatisticsCell(TrainingCell model, int images) implements TestSetMeasurement {

    /**
     * @param f mean normalised logit of the true class
     * @param s mean sum of e^t over the other classes
     * @param images how many test images they average over
     */
    public record Statistics(double f, double s, int images) {}

    @Override
    public String describe() {
        return "measure f and S on " + images + " test images with " + model.name();
    }

    @Override
    public String kind() {
        return "statistics";
    }

    @Override
    public String imagesKey() {
        return "statistics";
    }

    @Override
    public Statistics measure(NetworkClassifier classifier, ImageSet test, NDManager manager) {
        NDArray x = test.images(manager);
        NDArray y = test.labelArray(manager);
        double f = 0;
        double s = 0;
        for (int start = 0; start < test.size(); start += 500) {
            try (NDManager batch = manager.newSubManager()) {
                NDIndex rows = new NDIndex().addSliceDim(start, Math.min(test.size(), start + 500));
                NDArray z = classifier.logits(x.get(batch, rows));
                NDArray t = z.div(z.norm(new int[] {1}, true).maximum(Scalar.of(z, 1e-12f)));
                NDArray onehot = y.get(batch, rows)
                        .oneHot(classifier.numClasses())
                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                f += t.mul(onehot).sum().getFloat();
                s += t.exp().mul(onehot.neg().add(Scalar.of(onehot, 1))).sum().getFloat();
            }
        }
        f /= test.size();
        s /= test.size();
        return new Statistics(f, s, test.size());
    }

    /**
     * @param out the reproduction's folder
     * @return the statistics written by {@link #run}
     * @throws IllegalArgumentException naming the file when it is damaged
     */
    public Statistics read(Path out) {
        return Cell.read(
                result(out),
                GSON,
                Statistics.class,
                s -> Double.isFinite(s.f()) && Double.isFinite(s.s()) && s.images() > 0);
    }
}
