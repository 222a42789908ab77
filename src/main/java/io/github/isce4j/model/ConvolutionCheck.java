package io.github.isce4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guards against a silent native bug: on x86 CPUs with AVX2 or AVX-512 the oneDNN in libtorch 2.2
 * to 2.7 returns wrong float32 convolution input gradients from time to time, which would corrupt
 * every gradient attack. Two rules: input gradients through any convolution are refused unless
 * oneDNN is capped ({@link #requireCap}, see {@link OneDnnCap}); and every convolution shape a
 * {@link WideConvolution} runs is checked once per process by comparing its float32 input
 * gradient with the float64 one, which takes another code path, so that a regression of the
 * capped kernels is caught too. {@link InputGradients#compute} applies both, so every
 * classifier's gradients are guarded. A check that passes proves nothing about the next call of
 * an uncapped kernel (the fault is intermittent), which is why the cap, not the check, is the rule.
 */
public final class ConvolutionCheck {

    /** Shapes some {@link WideConvolution} ran that are not yet checked. */
    private static final Set<ConvolutionShape> PENDING = ConcurrentHashMap.newKeySet();
    private static final Set<ConvolutionShape> VERIFIED = ConcurrentHashMap.newKeySet();
    /** Stands in for convolutions isce4j does not build (TorchScript); the shape of the original check. */
    private static final ConvolutionShape GENERIC = new ConvolutionShape(3, 12, 12, 4, 5, 1, 2);
    private static final int BATCH = 4;
    private static final int SEEDS = 3;
    private static final double TOLERANCE = 1e-4;

    private ConvolutionCheck() {}

    /**
     * Refuses input gradients through convolutions where oneDNN may compute them wrong: on an x86
     * CPU with AVX2 or more, unless oneDNN is capped at AVX ({@link OneDnnCap#inEffect()}).
     *
     * @param model what has the convolutions, for the message
     * @throws WrongGradients on such a machine without the cap
     */
    public static void requireCap(String model) {
        if (!OneDnnCap.inEffect()) {
            throw new WrongGradients(model + " has convolutions, whose input gradients this CPU's uncapped oneDNN kernels "
                    + "compute wrong at times; run with the environment variable " + OneDnnCap.VARIABLE + "="
                    + OneDnnCap.CAP + " (isce sets it itself unless the variable is given) or, in Java, call "
                    + "OneDnnCap.apply() before the first convolution");
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
        verify(GENERIC);
        for (ConvolutionShape shape : PENDING.toArray(new ConvolutionShape[0])) {
            verify(shape);
            PENDING.remove(shape);
        }
    }

    /**
     * Checks one shape, once per process.
     *
     * @throws WrongGradients when float32 and float64 input gradients disagree for it
     */
    public static void verify(ConvolutionShape shape) {
        if (VERIFIED.contains(shape)) {
            return;
        }
        double error = relativeError(shape);
        if (!(error < TOLERANCE)) {
            throw new WrongGradients(String.format(Locale.ROOT, "this machine's libtorch computes wrong float32 convolution "
                    + "input gradients (%s: relative error %.3g against float64); capping oneDNN with the "
                    + "environment variable ONEDNN_MAX_CPU_ISA=AVX avoids it", shape, error));
        }
        VERIFIED.add(shape);
    }

    /** @return the largest float32-float64 input-gradient difference over the largest float64 one, worst seed */
    static double relativeError(ConvolutionShape s) {
        double worst = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            double e = relativeError(s, seed);
            worst = Double.isNaN(e) ? Double.NaN : Math.max(worst, e);
            if (Double.isNaN(worst)) {
                break;
            }
        }
        return worst;
    }

    private static double relativeError(ConvolutionShape s, int seed) {
        OneDnnCap.convolutionRuns();
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
            NDArray exact = gradient(x64, w64, s);
            NDArray fast = gradient(x64.toType(DataType.FLOAT32, false), w64.toType(DataType.FLOAT32, false), s);
            return fast.toType(DataType.FLOAT64, false).sub(exact).abs().max().getDouble()
                    / exact.abs().max().getDouble();
        }
    }

    private static NDArray gradient(NDArray x, NDArray w, ConvolutionShape s) {
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = WideConvolution.apply(leaf, w, null, new Shape(s.stride(), s.stride()),
                    new Shape(s.padding(), s.padding()), new Shape(1, 1), 1);
            collector.backward(y.mul(y).sum());
        }
        return leaf.getGradient();
    }

    /**
     * This machine's native convolution kernels compute, or may compute, wrong float32 input
     * gradients, so no gradient attack may run. Not a bad setting: the process must be capped
     * ({@link OneDnnCap}), as the message says in one line.
     */
    public static final class WrongGradients extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        WrongGradients(String message) {
            super(message);
        }
    }
}
