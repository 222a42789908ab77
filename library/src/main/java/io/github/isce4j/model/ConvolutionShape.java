package io.github.isce4j.model;

import ai.djl.ndarray.types.Shape;

/**
 * One convolution's geometry, without the batch size: what decides which oneDNN kernel runs.
 *
 * @param inChannels input channels C
 * @param height input height
 * @param width input width
 * @param filters output channels F
 * @param kernel kernel height and width (square)
 * @param stride stride (square)
 * @param padding padding (square)
 */
public record ConvolutionShape(
        int inChannels, int height, int width, int filters, int kernel, int stride, int padding) {

    /** @throws IllegalArgumentException for convolutions the check cannot reproduce (non-square, dilated, grouped) */
    static ConvolutionShape of(Shape input, Shape weight, Shape stride, Shape padding, Shape dilation, int groups) {
        if (weight.get(2) != weight.get(3)
                || stride.get(0) != stride.get(1)
                || padding.get(0) != padding.get(1)
                || dilation.get(0) != 1
                || dilation.get(1) != 1
                || groups != 1) {
            throw new IllegalArgumentException(
                    "only square, undilated, ungrouped convolutions are supported, got kernel " + weight + ", stride "
                            + stride + ", padding " + padding + ", dilation " + dilation + ", groups " + groups);
        }
        return new ConvolutionShape(
                (int) input.get(1),
                (int) input.get(2),
                (int) input.get(3),
                (int) weight.get(0),
                (int) weight.get(2),
                (int) stride.get(0),
                (int) padding.get(0));
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%d -> %d channels, %dx%d, kernel %d, stride %d, padding %d",
                inChannels,
                filters,
                height,
                width,
                kernel,
                stride,
                padding);
    }
}
