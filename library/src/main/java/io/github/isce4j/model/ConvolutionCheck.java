package io.github.isce4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Guards against a silent native bug: on x86 CPUs with AVX2 or AVX-512 the oneDNN in libtorch 2.2
 * to 2.7 returns wrong float32 convolution input gradients for filter counts that are not a
 * multiple of the SIMD width ({@link OneDnnCap}), which would corrupt every gradient attack. Each
 * convolution shape is checked once per process by comparing its float32 input gradient with the
 * float64 one, which takes another code path: the shapes isce4j's own {@link WideConvolution}s
 * run, through the padded path they take ({@link #verify()}), and, for convolutions isce4j cannot
 * pad (a TorchScript file, a DJL block), the plain path on a shape the fault hits
 * ({@link #requireExactPlainConvolutions}). {@link InputGradients#compute} and the classifiers
 * apply them, so every classifier's gradients are guarded.
 */
public final class ConvolutionCheck {

    /** Shapes some {@link WideConvolution} ran that are not yet checked. */
    private static final Set<ConvolutionShape> PENDING = ConcurrentHashMap.newKeySet();

    private static final Set<ConvolutionShape> VERIFIED = ConcurrentHashMap.newKeySet();
    /** Stands in for convolutions isce4j does not build (TorchScript): 4 filters, a count the fault hits. */
    private static final ConvolutionShape GENERIC = new ConvolutionShape(3, 12, 12, 4, 5, 1, 2);

    private static final int BATCH = 4;
    private static final int SEEDS = 3;
    private static final double TOLERANCE = 1e-4;
    private static final String REMEDY = "start the process with the environment variable " + OneDnnCap.VARIABLE + "="
            + OneDnnCap.CAP + " (the isce command restarts itself so)";
    /** The plain path's relative error on {@link #GENERIC}, once measured. */
    private static final AtomicReference<Double> PLAIN_ERROR = new AtomicReference<>();

    private ConvolutionCheck() {}

    /**
     * Refuses input gradients through convolutions isce4j cannot pad where this process's oneDNN
     * computes them wrong: checks the plain libtorch convolution on a shape the fault hits (3 to 4
     * filters), once per process.
     *
     * @param model what has the convolutions, for the message
     * @throws WrongGradients where the check fails
     */
    public static void requireExactPlainConvolutions(String model) {
        if (PLAIN_ERROR.get() == null) {
            PLAIN_ERROR.compareAndSet(null, relativeError(GENERIC, false));
        }
        double error = PLAIN_ERROR.get();
        if (!(error < TOLERANCE)) {
            throw new WrongGradients(String.format(
                    Locale.ROOT,
                    "%s has convolutions isce4j cannot pad, whose input "
                            + "gradients this CPU's oneDNN computes wrong (%s: relative error %.3g against float64); %s",
                    model,
                    GENERIC,
                    error,
                    REMEDY));
        }
    }

    /** Notes that a convolution of this shape ran; the next {@link #verify()} checks it. */
    static void seen(ConvolutionShape shape) {
        if (!VERIFIED.contains(shape)) {
            PENDING.add(shape);
        }
    }

    /**
     * Checks every convolution shape run so far (and a generic one) that is not checked yet.
     *
     * @throws WrongGradients when float32 and float64 input gradients disagree for one of them
     */
    public static void verify() {
        for (ConvolutionShape shape : PENDING.toArray(new ConvolutionShape[0])) {
            verify(shape);
            PENDING.remove(shape);
        }
    }

    /**
     * Checks one shape, once per process.
     *
     * @param shape the convolution's geometry; a shape already checked in this process returns at once
     * @throws WrongGradients when float32 and float64 input gradients disagree for it
     */
    public static void verify(ConvolutionShape shape) {
        if (VERIFIED.contains(shape)) {
            return;
        }
        double error = relativeError(shape, true);
        if (!(error < TOLERANCE)) {
            throw new WrongGradients(String.format(
                    Locale.ROOT,
                    "this machine's libtorch computes wrong float32 convolution "
                            + "input gradients even with the filters padded (%s: relative error %.3g against float64); %s",
                    shape,
                    error,
                    REMEDY));
        }
        VERIFIED.add(shape);
    }

    /**
     * @param padded through {@link WideConvolution}'s padded path, or libtorch's plain convolution
     * @return the largest float32-float64 input-gradient difference over the largest float64 one, worst seed
     */
    static double relativeError(ConvolutionShape s, boolean padded) {
        double worst = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            double e = relativeError(s, seed, padded);
            worst = Double.isNaN(e) ? Double.NaN : Math.max(worst, e);
            if (Double.isNaN(worst)) {
                break;
            }
        }
        return worst;
    }

    private static double relativeError(ConvolutionShape s, int seed, boolean padded) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(seed);
            double[] x = new double[BATCH * s.inChannels() * s.height() * s.width()];
            double[] w = new double[s.filters() * s.inChannels() * s.kernel() * s.kernel()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextGaussian() / Math.sqrt(s.inChannels() * s.kernel() * s.kernel());
            }
            NDArray x64 = m.create(x, new Shape(BATCH, s.inChannels(), s.height(), s.width()));
            NDArray w64 = m.create(w, new Shape(s.filters(), s.inChannels(), s.kernel(), s.kernel()));
            NDArray exact = gradient(x64, w64, s, padded);
            NDArray fast =
                    gradient(x64.toType(DataType.FLOAT32, false), w64.toType(DataType.FLOAT32, false), s, padded);
            return fast.toType(DataType.FLOAT64, false).sub(exact).abs().max().getDouble()
                    / exact.abs().max().getDouble();
        }
    }

    private static NDArray gradient(NDArray x, NDArray w, ConvolutionShape s, boolean padded) {
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Shape stride = new Shape(s.stride(), s.stride());
            Shape padding = new Shape(s.padding(), s.padding());
            NDArray y = padded
                    ? WideConvolution.apply(leaf, w, null, stride, padding, new Shape(1, 1), 1)
                    : Conv2d.conv2d(leaf, w, null, stride, padding, new Shape(1, 1), 1)
                            .head();
            collector.backward(y.mul(y).sum());
        }
        return leaf.getGradient();
    }

    /**
     * This machine's native convolution kernels compute wrong float32 input gradients for a model's
     * convolutions, so no gradient attack may run on it. Not a bad setting: the process must start
     * with oneDNN capped ({@link OneDnnCap}), as the message says in one line.
     */
    public static final class WrongGradients extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        WrongGradients(String message) {
            super(message);
        }
    }
}
