package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;
import java.util.function.Function;

/**
 * z = W·x + b with weights the test chooses, so attacks can be checked against exact answers. A
 * black-box instance refuses gradients (a score-based attack must not need them) and counts the
 * images it is queried on.
 */
final class AffineClassifier implements Classifier {

    private final NDManager manager = NDManager.newBaseManager();
    private final NDArray weights;
    private final NDArray bias;
    private final double[][] w;
    private final double[] b;
    private final boolean gradients;
    private long queried;

    /**
     * @param w [K][D] weights
     * @param b [K] biases
     */
    AffineClassifier(double[][] w, double[] b) {
        this(w, b, true);
    }

    private AffineClassifier(double[][] w, double[] b, boolean gradients) {
        this.w = w;
        this.b = b;
        this.gradients = gradients;
        float[] flat = new float[w.length * w[0].length];
        for (int k = 0; k < w.length; k++) {
            for (int i = 0; i < w[0].length; i++) {
                flat[k * w[0].length + i] = (float) w[k][i];
            }
        }
        float[] bf = new float[b.length];
        for (int k = 0; k < b.length; k++) {
            bf[k] = (float) b[k];
        }
        weights = manager.create(flat, new ai.djl.ndarray.types.Shape(w.length, w[0].length))
                .transpose();
        bias = manager.create(bf);
    }

    /**
     * @param weights W, row-major [K, D]
     * @param bias b [K]
     * @return a classifier without gradients that counts its queries
     */
    static AffineClassifier blackBox(float[] weights, float[] bias) {
        int d = weights.length / bias.length;
        double[][] w = new double[bias.length][d];
        double[] b = new double[bias.length];
        for (int k = 0; k < bias.length; k++) {
            b[k] = bias[k];
            for (int i = 0; i < d; i++) {
                w[k][i] = weights[k * d + i];
            }
        }
        return new AffineClassifier(w, b, false);
    }

    /** @return images that went through {@link #deployedLogits} so far */
    long queried() {
        return queried;
    }

    /**
     * The forward pass in plain double arithmetic, independent of the NDArray path.
     *
     * @param x one flattened image
     * @return z = W·x + b
     */
    double[] exactLogits(double[] x) {
        double[] z = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            z[k] = b[k];
            for (int i = 0; i < x.length; i++) {
                z[k] += w[k][i] * x[i];
            }
        }
        return z;
    }

    /** @return the exact minimal L2 distance from x to the region where the prediction changes */
    double distanceToBoundary(double[] x) {
        double[] z = new double[w.length];
        int y = 0;
        for (int k = 0; k < w.length; k++) {
            z[k] = b[k];
            for (int i = 0; i < x.length; i++) {
                z[k] += w[k][i] * x[i];
            }
            if (z[k] > z[y]) {
                y = k;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            if (k != y) {
                double norm = 0;
                for (int i = 0; i < x.length; i++) {
                    norm += (w[y][i] - w[k][i]) * (w[y][i] - w[k][i]);
                }
                best = Math.min(best, (z[y] - z[k]) / Math.sqrt(norm));
            }
        }
        return best;
    }

    @Override
    public int numClasses() {
        return w.length;
    }

    @Override
    public String description() {
        return "affine test classifier";
    }

    @Override
    public DecisionRule decisionRule() {
        return DecisionRule.SOFTMAX;
    }

    @Override
    public NDArray logits(NDArray images) {
        return images.reshape(images.getShape().get(0), -1).matMul(weights).add(bias);
    }

    @Override
    public NDArray deployedLogits(NDArray images) {
        queried += images.getShape().get(0);
        return Classifier.super.deployedLogits(images);
    }

    @Override
    public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
        if (!gradients) {
            throw new UnsupportedOperationException("a black-box attack asked for gradients");
        }
        return InputGradients.compute(images, this::logits, objectives);
    }

    @Override
    public void close() {
        manager.close();
    }
}
