package io.github.isce4j.eval;

/**
 * Projects points onto their leading principal components, so features wider than three
 * dimensions can still be drawn. The covariance is D×D (D is at most a few hundred here); its top
 * eigenvectors come from power iteration with deflation, started deterministically.
 */
final class PrincipalComponents {

    private static final int ITERATIONS = 500;

    private PrincipalComponents() {}

    /**
     * @param points [N][D]
     * @param components how many components to keep, at most D
     * @return the centred points' coordinates along the top components, [N][components]
     */
    static double[][] project(float[][] points, int components) {
        int n = points.length;
        int d = points[0].length;
        double[] mean = new double[d];
        for (float[] p : points) {
            for (int j = 0; j < d; j++) {
                mean[j] += p[j] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (float[] p : points) {
            for (int j = 0; j < d; j++) {
                c[j] = p[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += c[a] * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        double[][] axes = new double[components][];
        for (int k = 0; k < components; k++) {
            axes[k] = topEigenvector(cov, k);
            deflate(cov, axes[k]);
        }
        double[][] out = new double[n][components];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < components; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (points[i][j] - mean[j]) * axes[k][j];
                }
                out[i][k] = s;
            }
        }
        return out;
    }

    private static double[] topEigenvector(double[][] m, int seed) {
        int d = m.length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = 1 + 0.01 * ((j * 31 + seed * 17) % 13);
        }
        normalise(v);
        for (int it = 0; it < ITERATIONS; it++) {
            double[] next = new double[d];
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += m[a][b] * v[b];
                }
                next[a] = s;
            }
            if (normalise(next) == 0) {
                return v;
            }
            v = next;
        }
        return v;
    }

    /** m ← m − λ·v·vᵀ with λ = vᵀmv, removing the component just found. */
    private static void deflate(double[][] m, double[] v) {
        int d = m.length;
        double lambda = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                lambda += v[a] * m[a][b] * v[b];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                m[a][b] -= lambda * v[a] * v[b];
            }
        }
    }

    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
        return norm;
    }
}
