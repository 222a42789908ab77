package io.github.isce4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The Max-Mahalanobis centers of Pang, Du and Zhu (ICML 2018) that the MMC loss (Pang et al.,
 * ICLR 2020) fixes before training: K vectors in R^D of norm C_MM whose pairwise inner products
 * are all −C_MM²/(K − 1), i.e. a regular simplex, the K points on a sphere that are as far from
 * each other as possible.
 *
 * <p>Built by Pang's recursion: μ_1 = e_1; for k = 2 … K, μ_k takes the coordinates j &lt; k that
 * make ⟨μ_k, μ_j⟩ = −1/(K − 1) for every earlier center and the coordinate k that makes its norm
 * 1; then all are scaled by C_MM. Center k uses only the first k coordinates, so D ≥ K.
 */
public final class MaxMahalanobisCenters {

    private MaxMahalanobisCenters() {}

    /**
     * @param numClasses K
     * @return the smallest feature width the recursion can place K centers in: K
     */
    public static int minimumDimension(int numClasses) {
        return numClasses;
    }

    /**
     * @param numClasses K ≥ 2
     * @param dimension D ≥ K, the feature width
     * @param radius C_MM &gt; 0
     * @return the centers, [K][D]
     * @throws IllegalArgumentException when D &lt; K
     */
    public static double[][] generate(int numClasses, int dimension, double radius) {
        if (dimension < minimumDimension(numClasses)) {
            throw new IllegalArgumentException("the MMC loss needs a feature of at least K = " + numClasses
                    + " dimensions to place its " + numClasses + " class centers, got " + dimension
                    + "; use an embedding dimension of " + numClasses + " or more");
        }
        double[][] mu = new double[numClasses][dimension];
        mu[0][0] = 1;
        double inner = -1.0 / (numClasses - 1);
        for (int k = 1; k < numClasses; k++) {
            for (int j = 0; j < k; j++) {
                mu[k][j] = (inner - dot(mu[k], mu[j])) / mu[j][j];
            }
            mu[k][k] = Math.sqrt(Math.max(0, 1 - dot(mu[k], mu[k])));
        }
        for (double[] center : mu) {
            for (int d = 0; d < dimension; d++) {
                center[d] *= radius;
            }
        }
        return mu;
    }

    /**
     * @param numClasses K
     * @param radius C_MM
     * @return an initializer that fills a [K, D] parameter with the centers
     */
    static Initializer initializer(int numClasses, double radius) {
        return (NDManager manager, Shape shape, DataType dataType) -> {
            double[][] mu = generate(numClasses, (int) shape.get(1), radius);
            NDArray centers = manager.create(mu);
            return dataType == DataType.FLOAT64 ? centers : centers.toType(dataType, false);
        };
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
