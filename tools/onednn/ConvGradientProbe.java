import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import io.github.isce4j.model.WideConvolution;

import java.util.Locale;
import java.util.Random;

/**
 * Measures, per convolution shape, how far libtorch's float32 input gradient (oneDNN backward-data)
 * is from the float64 one, which takes another code path. Run it under different
 * ONEDNN_MAX_CPU_ISA values, for the plain libtorch convolution and for isce4j's
 * {@link WideConvolution} (filters zero-padded to a multiple of 16); see README.md beside it.
 * Optional argument: the number of runs per shape (default 3).
 */
public final class ConvGradientProbe {

    /** batch, input channels, height = width, output channels, kernel, padding, stride. */
    private static final int[][] SHAPES = {
        {128, 1, 28, 6, 5, 2, 1}, {128, 6, 14, 16, 5, 0, 1},                 // LeNet-5 conv1, conv2
        {128, 3, 32, 32, 3, 1, 1}, {128, 32, 32, 32, 3, 1, 1}, {128, 32, 16, 64, 3, 1, 1},
        {128, 64, 8, 128, 3, 1, 1}, {128, 128, 8, 128, 3, 1, 1},              // CNN-8
        {128, 3, 32, 16, 3, 1, 1}, {128, 16, 32, 32, 3, 1, 2}, {128, 32, 16, 64, 3, 1, 2},
        {128, 64, 8, 64, 3, 1, 1},                                            // ResNet-32
        {64, 3, 12, 4, 3, 1, 1}, {64, 3, 12, 8, 3, 1, 1}, {64, 3, 12, 12, 3, 1, 1},
        {64, 3, 12, 24, 3, 1, 1}, {64, 32, 16, 48, 3, 1, 1}, {64, 3, 12, 16, 5, 2, 1},
        {232, 1, 31, 6, 5, 2, 1}, {232, 6, 15, 16, 5, 0, 1}, {8, 1, 31, 6, 5, 2, 1},   // EOT: LeNet-5 on 31x31
        {500, 1, 28, 6, 5, 2, 1}, {7, 3, 32, 16, 3, 1, 1}, {1, 1, 28, 6, 5, 2, 1},
    };

    private ConvGradientProbe() {}

    public static void main(String[] args) {
        System.out.println("ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA"));
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int[] s : SHAPES) {
            double plain = 0;
            double wide = 0;
            for (int seed = 0; seed < runs; seed++) {
                plain = worse(plain, relativeError(s, seed, false));
                wide = worse(wide, relativeError(s, seed, true));
            }
            System.out.printf(Locale.ROOT, "batch %3d, %3d -> %3d channels, %2dx%-2d, kernel %d, pad %d, stride %d: "
                    + "max relative error over %d runs: plain %.2g, wide %.2g%n",
                    s[0], s[1], s[3], s[2], s[2], s[4], s[5], s[6], runs, plain, wide);
        }
    }

    private static double worse(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    private static double relativeError(int[] s, int seed, boolean wide) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(seed);
            double[] x = new double[s[0] * s[1] * s[2] * s[2]];
            double[] w = new double[s[3] * s[1] * s[4] * s[4]];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.1 * random.nextGaussian();
            }
            NDArray x64 = m.create(x, new Shape(s[0], s[1], s[2], s[2]));
            NDArray w64 = m.create(w, new Shape(s[3], s[1], s[4], s[4]));
            NDArray exact = gradient(x64, w64, s, wide);
            NDArray fast = gradient(x64.toType(DataType.FLOAT32, false), w64.toType(DataType.FLOAT32, false), s, wide);
            return fast.toType(DataType.FLOAT64, false).sub(exact).abs().max().getDouble()
                    / exact.abs().max().getDouble();
        }
    }

    private static NDArray gradient(NDArray x, NDArray w, int[] s, boolean wide) {
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Shape stride = new Shape(s[6], s[6]);
            Shape pad = new Shape(s[5], s[5]);
            NDArray y = wide ? WideConvolution.apply(leaf, w, null, stride, pad, new Shape(1, 1), 1)
                    : Conv2d.conv2d(leaf, w, null, stride, pad, new Shape(1, 1)).head();
            collector.backward(y.mul(y).sum());
        }
        return leaf.getGradient();
    }
}
