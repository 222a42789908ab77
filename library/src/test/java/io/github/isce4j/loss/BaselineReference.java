package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Random;

/**
 * Plain-Java float64 references for the baseline losses of docs/method.md §2, one example at a time,
 * written from the formulas without DJL, plus small helpers to run a head in float64.
 */
final class BaselineReference {

    private BaselineReference() {}

    /** −Σ_k q_k log softmax(z)_k with q = (1 − ε)·onehot(y) + ε/K. */
    static double labelSmoothing(double[] z, int y, double epsilon) {
        double[] p = Reference.softmax(z);
        double loss = 0;
        for (int k = 0; k < z.length; k++) {
            double q = (k == y ? 1 - epsilon : 0) + epsilon / z.length;
            loss -= q * Math.log(p[k]);
        }
        return loss;
    }

    /** ‖a − b‖². */
    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return sum;
    }

    /** CE(z, y) + λ·½·‖h − c_y‖². */
    static double centerLoss(double[] z, double[] h, double[][] centers, int y, double lambda) {
        return Reference.crossEntropy(z, y) + lambda * 0.5 * squaredDistance(h, centers[y]);
    }

    /** L-GM logits without margin: −½‖h − μ_k‖². */
    static double[] lgmLogits(double[] h, double[][] means) {
        double[] l = new double[means.length];
        for (int k = 0; k < means.length; k++) {
            l[k] = -0.5 * squaredDistance(h, means[k]);
        }
        return l;
    }

    /** CE with the true class at −(1 + α)·d_y, plus λ·d_y. */
    static double lgm(double[] h, double[][] means, int y, double alpha, double lambda) {
        double[] l = lgmLogits(h, means);
        double dy = -l[y];
        l[y] = -(1 + alpha) * dy;
        return Reference.crossEntropy(l, y) + lambda * dy;
    }

    /** cos θ_k between h and each class weight. */
    static double[] cosines(double[] h, double[][] w) {
        double[] c = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            double dot = 0;
            for (int d = 0; d < h.length; d++) {
                dot += h[d] * w[k][d];
            }
            c[k] = dot
                    / Math.sqrt(squaredDistance(h, new double[h.length]) * squaredDistance(w[k], new double[h.length]));
        }
        return c;
    }

    /** ArcFace: S·cos θ_k, true class S·cos(θ_y + M) via acos, or S·(cos θ_y − M·sin M) past π. */
    static double arcFace(double[] h, double[][] w, int y, double s, double m) {
        double[] c = cosines(h, w);
        double[] logits = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            logits[k] = s * c[k];
        }
        double theta = Math.acos(c[y]);
        logits[y] = s * (theta + m <= Math.PI ? Math.cos(theta + m) : c[y] - m * Math.sin(m));
        return Reference.crossEntropy(logits, y);
    }

    /** ½‖h − μ_y‖². */
    static double mmc(double[] h, double[][] centers, int y) {
        return 0.5 * squaredDistance(h, centers[y]);
    }

    /** Gaussian matrix [n][d] times {@code spread}. */
    static double[][] gaussian(Random random, int n, int d, double spread) {
        double[][] a = new double[n][d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() * spread;
            }
        }
        return a;
    }

    /** Mean over examples of a per-example loss. */
    interface PerExample {
        double at(int i);
    }

    static double mean(int n, PerExample loss) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += loss.at(i);
        }
        return sum / n;
    }

    /** Initialises a head in float64 for features of width d. */
    static <B extends Block> B float64(B head, NDManager manager, int d) {
        head.initialize(manager, DataType.FLOAT64, new Shape(1, d));
        return head;
    }

    /** A head's direct parameter as a matrix. */
    static double[][] parameter(Block head, String name) {
        NDArray a = head.getDirectParameters().get(name).getArray();
        int rows = (int) a.getShape().get(0);
        int cols = (int) a.getShape().get(1);
        double[] flat = a.toDoubleArray();
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, m[r], 0, cols);
        }
        return m;
    }

    /** The head's output in training mode. */
    static NDList forward(Block head, NDArray features) {
        return head.forward(new ParameterStore(features.getManager(), false), new NDList(features), true);
    }
}
