package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * isce4j's 2-D convolution: a {@link Conv2d} (same parameters, same checkpoints) that registers
 * its shapes for {@link ConvolutionCheck} and, in passes that may differentiate with respect to
 * its input, zero-pads its filter count to a multiple of 16 for the native call, slicing the
 * output back. libtorch 2.7.1's oneDNN returns wrong input gradients from its AVX2 and AVX-512
 * backward-data kernels for filter counts that are not a multiple of the SIMD width (tools/onednn:
 * LeNet-5's 6 filters, 0.1 to 0.2 relative error or NaN), and exact ones with the padding, so
 * isce4j's networks need no cap (OneDnnCap). The zero filters' outputs are dropped, so values and
 * gradients are those of the plain convolution. Training passes, which never need the input's
 * gradient, take the plain path.
 */
public final class WideConvolution extends Conv2d {

    /** The filter-count multiple whose oneDNN kernels are exact. */
    static final int WIDTH = 16;

    private WideConvolution(Builder builder) {
        super(builder);
    }

    /** @return a builder, as {@link Conv2d#builder()} */
    public static Builder wideBuilder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
        ConvolutionCheck.seen(ConvolutionShape.of(x.getShape(), w.getShape(), stride, padding, dilation, groups));
        if (!padded(x, training)) {
            return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups);
        }
        return new NDList(apply(x, w, b, stride, padding, dilation, groups));
    }

    /**
     * Whether this pass may differentiate with respect to this layer's input, so it takes the
     * padded path. A training pass differentiates the parameters only (adversarial
     * examples are made in inference passes); a caller-made leaf that wants its gradient still
     * counts. Inference passes under a collector always count: DJL's {@code hasGradient()}, and
     * libtorch's requires_grad as DJL reports it, are false for the intermediate arrays that
     * attacks differentiate through. Outside a gradient collector libtorch records nothing, so no
     * backward can follow: score-based attacks and evaluation (Square, SimBA, every judging pass)
     * take the plain path, whose output is also contiguous for the pooling after it.
     */
    static boolean padded(NDArray x, boolean training) {
        return JniUtils.isGradMode() && (!training || x.hasGradient());
    }

    /**
     * The convolution of {@code x} with filters {@code w} (and bias {@code b}, or null), computed
     * with the filter count padded to a multiple of {@link #WIDTH}.
     *
     * @param x the input, [N, C, H, W]
     * @param w the filters, [F, C / groups, kH, kW]
     * @param b the bias, [F], or null for none
     * @param stride the stride along height and width
     * @param padding the zero padding along height and width
     * @param dilation the dilation along height and width
     * @param groups the number of channel groups; only groups = 1 is padded, other counts run plain
     * @return [N, F, H', W'] with F = w's first dimension
     */
    public static NDArray apply(
            NDArray x, NDArray w, NDArray b, Shape stride, Shape padding, Shape dilation, int groups) {
        if (x.getShape().get(0) == 1) {
            // libtorch gives a lone image to its native kernel after asking NNPACK, which prints
            // "Could not initialize NNPACK!" at every call on CPUs it does not support (tens of
            // thousands of lines in a reproduction); two copies take oneDNN's path like any batch.
            return apply(x.concat(x, 0), w, b, stride, padding, dilation, groups)
                    .get("0:1");
        }
        long filters = w.getShape().get(0);
        long missing = (WIDTH - filters % WIDTH) % WIDTH;
        if (missing == 0 || groups != 1) {
            return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups).head();
        }
        // The padded copies belong to the input's manager, closed per batch; concat would attach
        // them to the weight's, which lives as long as the model (a leak per step).
        Shape extra = new Shape(
                missing, w.getShape().get(1), w.getShape().get(2), w.getShape().get(3));
        NDArray wide = w.concat(x.getManager().zeros(extra, w.getDataType()), 0);
        wide.attach(x.getManager());
        NDArray wideBias = null;
        if (b != null) {
            wideBias = b.concat(x.getManager().zeros(new Shape(missing), b.getDataType()), 0);
            wideBias.attach(x.getManager());
        }
        NDArray y = Conv2d.conv2d(x, wide, wideBias, stride, padding, dilation, groups)
                .head();
        return y.get(new NDIndex(":, :{}", filters));
    }

    /** Builds a {@link WideConvolution}. */
    public static final class Builder extends Conv2d.Builder {

        private Builder() {}

        @Override
        public WideConvolution build() {
            validate();
            return new WideConvolution(this);
        }
    }
}
