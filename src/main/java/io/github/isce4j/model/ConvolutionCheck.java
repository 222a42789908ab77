package io.github.isce4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import io.github.isce4j.UserError;

/**
 * Guards against a silent native bug: on some CPUs (seen on AMD EPYC with AVX-512) oneDNN's
 * AVX2-and-up float32 convolution kernels return wrong input gradients, which would corrupt both
 * training and every gradient attack. Capping oneDNN with {@code ONEDNN_MAX_CPU_ISA=AVX} (the
 * launcher and the test setup do) avoids it. The check compares one small float32 convolution
 * gradient with its float64 counterpart, which takes another code path, once per process.
 */
public final class ConvolutionCheck {

    private static volatile boolean verified;

    private ConvolutionCheck() {}

    /** @throws UserError when float32 convolution gradients are wrong on this machine */
    public static void verify() {
        if (verified) {
            return;
        }
        synchronized (ConvolutionCheck.class) {
            if (!verified) {
                double error = inputGradientError();
                if (!(error < 1e-3)) {
                    throw new UserError(String.format(java.util.Locale.ROOT,
                            "this CPU's oneDNN kernels compute wrong convolution gradients (error %.3g); run with "
                                    + "the environment variable ONEDNN_MAX_CPU_ISA=AVX (the ./isce launcher sets it)", error));
                }
                verified = true;
            }
        }
    }

    /** @return the largest absolute difference between float32 and float64 input gradients */
    static double inputGradientError() {
        try (NDManager m = NDManager.newBaseManager()) {
            java.util.Random random = new java.util.Random(0);
            double[] x = new double[2 * 3 * 12 * 12];
            double[] w = new double[4 * 3 * 5 * 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextGaussian();
            }
            NDArray x64 = m.create(x, new Shape(2, 3, 12, 12));
            NDArray w64 = m.create(w, new Shape(4, 3, 5, 5));
            NDArray g64 = gradient(x64, w64);
            NDArray g32 = gradient(x64.toType(DataType.FLOAT32, false), w64.toType(DataType.FLOAT32, false));
            return g32.toType(DataType.FLOAT64, false).sub(g64).abs().max().getDouble();
        }
    }

    private static NDArray gradient(NDArray x, NDArray w) {
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv2d.conv2d(leaf, w, null, new Shape(1, 1), new Shape(2, 2), new Shape(1, 1)).head();
            collector.backward(y.mul(y).sum());
        }
        return leaf.getGradient();
    }
}
