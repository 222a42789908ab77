package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;

/**
 * 2×2 max pooling with stride 2 (odd trailing rows and columns dropped, as without ceil mode).
 * libtorch's CPU max-pool kernel records the argmax of every window, one scalar loop per output,
 * and costs more than the convolutions around it: 5.8 ms for [500, 6, 28, 28] on the project's
 * 2-core machine, 43 % of the Square attack on LeNet-5. Outside a gradient collector no backward
 * can follow (libtorch's grad mode is off), so the same maxima are taken as two element-wise
 * maximums of strided views, columns then rows: 0.7 ms. Maximum is exact, so the values are
 * bitwise those of the kernel (NaN propagates in both). Under a collector the kernel stays: its
 * backward sends a tied window's gradient to the first maximum, which element-wise maximums would
 * split.
 */
final class MaxPooling {

    private static final Shape TWO = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);
    private static final NDIndex EVEN_ROWS = new NDIndex(":, :, 0::2");
    private static final NDIndex ODD_ROWS = new NDIndex(":, :, 1::2");

    private MaxPooling() {}

    /** @return the pooling layer; its name and (empty) parameters are those of DJL's maxPool2dBlock */
    static Block block() {
        return LambdaBlock.singleton(MaxPooling::apply, "maxPool2d");
    }

    /** @return the 2×2 stride-2 maxima of x [N, C, H, W]: [N, C, H/2, W/2] */
    static NDArray apply(NDArray x) {
        if (JniUtils.isGradMode()) {
            return Pool.maxPool2d(x, TWO, TWO, NO_PADDING, false);
        }
        long h = x.getShape().get(2) / 2 * 2;
        long w = x.getShape().get(3) / 2 * 2;
        NDArray columns =
                x.get(new NDIndex(":, :, :{}, 0:{}:2", h, w)).maximum(x.get(new NDIndex(":, :, :{}, 1:{}:2", h, w)));
        return columns.get(EVEN_ROWS).maximum(columns.get(ODD_ROWS));
    }
}
