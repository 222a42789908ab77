package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.google.gson.annotations.SerializedName;
import io.github.isce4j.Ids;
import java.util.Arrays;
import java.util.Random;

/**
 * The orthonormal search directions of {@link SimBa}. A direction is named by one coordinate
 * index k in [0, C·H·W): for {@link #PIXEL} the pixel (c, h, w) with k = c·H·W + h·W + w; for
 * {@link #DCT} the DCT coefficient (c, u, v) with k = c·H·W + u·W + v, whose direction is the
 * inverse 2-D DCT-II of a unit coefficient there, in channel c only. Both sets are orthonormal
 * bases of the image space, so every direction has unit L2 norm.
 */
public enum SimBaBasis {
    /** Single coordinates, in a uniformly random order per image. */
    @SerializedName("pixel")
    PIXEL("pixel") {
        @Override
        int[] order(int channels, int height, int width, Random random) {
            int[] order = identity(channels * height * width);
            shuffle(order, 0, order.length, random);
            return order;
        }

        @Override
        NDArray directions(NDManager manager, long[] coordinates, int channels, int height, int width) {
            return unitCoefficients(manager, coordinates, channels, height, width);
        }
    },

    /**
     * Orthonormal 2-D DCT-II directions per channel, low frequencies first: the frequency pairs
     * (u, v) are taken by increasing u + v, in a random order per image within each anti-diagonal
     * u + v = const; each frequency is tried in every channel before the next one, the channels
     * in a random order per frequency.
     */
    @SerializedName("dct")
    DCT("dct") {
        @Override
        int[] order(int channels, int height, int width, Random random) {
            int[] frequencies = new int[height * width];
            int n = 0;
            for (int s = 0; s <= height + width - 2; s++) {
                int start = n;
                for (int u = Math.max(0, s - width + 1); u <= Math.min(s, height - 1); u++) {
                    frequencies[n++] = u * width + (s - u);
                }
                shuffle(frequencies, start, n, random);
            }
            int[] order = new int[channels * height * width];
            int[] channelOrder = identity(channels);
            int k = 0;
            for (int f : frequencies) {
                shuffle(channelOrder, 0, channels, random);
                for (int c : channelOrder) {
                    order[k++] = c * height * width + f;
                }
            }
            return order;
        }

        @Override
        NDArray directions(NDManager manager, long[] coordinates, int channels, int height, int width) {
            // The inverse DCT D_Hᵀ·E·D_W of a unit coefficient E = e_u·e_vᵀ factorises into the
            // outer product (e_uᵀ·D_H)ᵀ(e_vᵀ·D_W) of row u of D_H and row v of D_W, gathered per
            // image: O(n·C·H·W) instead of two full matrix products per image.
            int n = coordinates.length;
            int plane = height * width;
            long[] c = new long[n];
            long[] u = new long[n];
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                c[i] = coordinates[i] / plane;
                u[i] = coordinates[i] % plane / width;
                v[i] = coordinates[i] % width;
            }
            NDArray rows = dct(manager, height)
                    .get(new NDIndex("{}", manager.create(u)))
                    .reshape(n, 1, height, 1);
            NDArray cols = dct(manager, width)
                    .get(new NDIndex("{}", manager.create(v)))
                    .reshape(n, 1, 1, width);
            NDArray channel = manager.create(c).oneHot(channels).reshape(n, channels, 1, 1);
            return rows.mul(cols).mul(channel);
        }
    };

    private final String id;

    SimBaBasis(String id) {
        this.id = id;
    }

    /** @return the CLI name */
    public String id() {
        return id;
    }

    /**
     * @param name pixel or dct
     * @return the basis
     */
    public static SimBaBasis parse(String name) {
        return Ids.parse(values(), SimBaBasis::id, name, "SimBA basis", "pixel or dct");
    }

    /**
     * The order in which one image tries the coordinates; every coordinate appears exactly once.
     *
     * @param channels C
     * @param height H
     * @param width W
     * @param random the only source of randomness
     * @return a permutation of [0, C·H·W)
     */
    abstract int[] order(int channels, int height, int width, Random random);

    /**
     * @param manager where the result lives
     * @param coordinates one coordinate index per row
     * @param channels C
     * @param height H
     * @param width W
     * @return the unit-norm directions [n, C, H, W], float32
     */
    abstract NDArray directions(NDManager manager, long[] coordinates, int channels, int height, int width);

    /**
     * The orthonormal DCT-II matrix D (row k = frequency k): D[k][j] = α_k·cos(π(2j+1)k / 2n),
     * α_0 = √(1/n), α_k = √(2/n). D·Dᵀ = I, and the inverse transform of coefficients Z is
     * Dᵀ·Z (2-D: D_Hᵀ·Z·D_W).
     *
     * @param n size
     * @return D, row-major n×n
     */
    static float[] dctMatrix(int n) {
        float[] d = new float[n * n];
        for (int k = 0; k < n; k++) {
            double alpha = Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
            for (int j = 0; j < n; j++) {
                d[k * n + j] = (float) (alpha * Math.cos(Math.PI * (2 * j + 1) * k / (2.0 * n)));
            }
        }
        return d;
    }

    /**
     * The inverse orthonormal 2-D DCT of every channel of a batch, D_Hᵀ·Z·D_W, as two batched
     * matrix products (the general form of what {@link #DCT} directions compute for one unit
     * coefficient; the tests check that they agree).
     *
     * @param manager where the result and the DCT matrices live
     * @param coefficients [n, C, H, W]
     * @return the images [n, C, H, W]
     */
    static NDArray inverseDct(NDManager manager, NDArray coefficients) {
        int height = (int) coefficients.getShape().get(2);
        int width = (int) coefficients.getShape().get(3);
        return dct(manager, height).transpose().matMul(coefficients.matMul(dct(manager, width)));
    }

    private static NDArray dct(NDManager manager, int n) {
        return manager.create(dctMatrix(n)).reshape(n, n);
    }

    private static NDArray unitCoefficients(
            NDManager manager, long[] coordinates, int channels, int height, int width) {
        return manager.create(coordinates)
                .oneHot(channels * height * width)
                .reshape(coordinates.length, channels, height, width);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** Fisher–Yates over a[from, to). */
    private static void shuffle(int[] a, int from, int to, Random random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
