package io.github.isce4j.loss;

import java.util.Random;

/**
 * Plain-Java float64 reference for the losses, one example at a time, written straight from
 * docs/method.md §1 without DJL so that the batched NDArray code is checked against an independent
 * computation.
 */
final class Reference {

    private Reference() {}

    /** −log softmax(o)_y, computed stably with the max subtracted. */
    static double crossEntropy(double[] o, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : o) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : o) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - o[y];
    }

    /** softmax(o). */
    static double[] softmax(double[] o) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : o) {
            max = Math.max(max, v);
        }
        double[] p = new double[o.length];
        double sum = 0;
        for (int k = 0; k < o.length; k++) {
            p[k] = Math.exp(o[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < o.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** t = z / max(‖z‖₂, 1e-12). */
    static double[] normalise(double[] z) {
        double squares = 0;
        for (double v : z) {
            squares += v * v;
        }
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        double[] t = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            t[k] = z[k] / norm;
        }
        return t;
    }

    /** o: t with entry c boosted as the variant prescribes. */
    static double[] boosted(double[] z, int c, double s, double m, IsceVariant variant) {
        double[] o = normalise(z);
        o[c] = variant == IsceVariant.PAPER ? s * o[c] + m : Math.max(-1, Math.min(1, s * (o[c] + m)));
        return o;
    }

    /** The training loss of one example: c = y (paper) or c = argmax z (code). */
    static double isce(double[] z, int y, double s, double m, IsceVariant variant) {
        int c = variant == IsceVariant.PAPER ? y : argmax(z);
        return crossEntropy(boosted(z, c, s, m, variant), y);
    }

    /** The deployed logits: c = argmax t. */
    static double[] deployed(double[] z, double s, double m, IsceVariant variant) {
        return boosted(z, argmax(normalise(z)), s, m, variant);
    }

    /** Index of the first largest entry. */
    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Mean over rows of a per-row quantity. */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Gaussian logits times {@code spread}, rounded to float so float32 inputs are exact. */
    static float[][] randomLogits(Random random, int n, int k, double spread) {
        float[][] z = new float[n][k];
        for (float[] row : z) {
            for (int j = 0; j < k; j++) {
                row[j] = (float) (random.nextGaussian() * spread);
            }
        }
        return z;
    }

    /** Uniform labels in [0, k). */
    static long[] randomLabels(Random random, int n, int k) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(k);
        }
        return y;
    }

    /** Widens a float matrix row to double. */
    static double[] row(float[][] z, int i) {
        double[] r = new double[z[i].length];
        for (int k = 0; k < r.length; k++) {
            r[k] = z[i][k];
        }
        return r;
    }
}
