package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A 2-D convolution whose filter count is zero-padded to a multiple of 16 for the native call and
 * sliced back afterwards. libtorch 2.2 to 2.7's oneDNN ({@code jit:avx512_core} backward-data)
 * returns wrong input gradients for output-channel counts that are not a multiple of 16 on
 * AVX-512 CPUs, nondeterministically; with 16, 32, ... filters it takes blocked layouts that are
 * exact. The extra filters are zeros whose outputs are discarded, so the values and every
 * gradient equal those of the plain convolution. Training passes, which never need the input's
 * gradient, take the plain path (forward and weight-gradient kernels are always exact).
 * Parameters and checkpoints are those of {@link Conv2d}.
 */
public final class WideConvolution extends Conv2d {

    /** The filter-count multiple whose oneDNN kernels are exact. */
    static final int WIDTH = 16;

    /** Every WideConvolution's filter parameter, by identity, so gradients can tell them from foreign ones. */
    private static final Set<Parameter> FILTERS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private WideConvolution(Builder builder) {
        super(builder);
        FILTERS.add(weight);
    }

    /** @return whether this parameter is the filter bank of some WideConvolution */
    static boolean isFilter(Parameter p) {
        return FILTERS.contains(p);
    }

    /** @return a builder, as {@link Conv2d#builder()} */
    public static Builder wideBuilder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
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
     * Whether this pass must take the padded path. A training pass differentiates the parameters
     * only (adversarial examples are made in inference passes), so its backward never calls the
     * faulty backward-data kernel, and LeNet-5's first layer is spared 16/6 of its compute and the
     * slice's copies; a caller-made leaf that wants its gradient still gets the padding. Inference
     * passes always pad: DJL's {@code hasGradient()}, and libtorch's requires_grad as DJL reports
     * it, are false for the intermediate arrays that attacks differentiate through. Outside a
     * gradient collector libtorch records nothing, so no backward can follow: score-based attacks
     * and evaluation (Square, SimBA, every judging pass) take the plain path, whose output is also
     * contiguous for the pooling after it.
     */
    static boolean padded(NDArray x, boolean training) {
        return JniUtils.isGradMode() && (!training || x.hasGradient());
    }

    /**
     * The convolution of {@code x} with filters {@code w} (and bias {@code b}, or null), computed
     * with the filter count padded to a multiple of {@link #WIDTH}.
     *
     * @return [N, F, H', W'] with F = w's first dimension
     */
    public static NDArray apply(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding, Shape dilation, int groups) {
        if (x.getShape().get(0) == 1) {
            // libtorch gives a lone image to its native kernel after asking NNPACK, which prints
            // "Could not initialize NNPACK!" at every call on CPUs it does not support (tens of
            // thousands of lines in a reproduction); two copies take oneDNN's path like any batch.
            return apply(x.concat(x, 0), w, b, stride, padding, dilation, groups).get("0:1");
        }
        long filters = w.getShape().get(0);
        long missing = (WIDTH - filters % WIDTH) % WIDTH;
        if (missing == 0 || groups != 1) {
            return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups).head();
        }
        // The padded copies belong to the input's manager, closed per batch; concat would attach
        // them to the weight's, which lives as long as the model (a leak per step).
        Shape extra = new Shape(missing, w.getShape().get(1), w.getShape().get(2), w.getShape().get(3));
        NDArray wide = w.concat(x.getManager().zeros(extra, w.getDataType()), 0);
        wide.attach(x.getManager());
        NDArray wideBias = null;
        if (b != null) {
            wideBias = b.concat(x.getManager().zeros(new Shape(missing), b.getDataType()), 0);
            wideBias.attach(x.getManager());
        }
        NDArray y = Conv2d.conv2d(x, wide, wideBias, stride, padding, dilation, groups).head();
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
