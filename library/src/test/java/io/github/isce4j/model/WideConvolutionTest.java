package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * {@link WideConvolution} pads only where the faulty kernel would run: when the input's gradient
 * is wanted, which needs a gradient collector. Training's first convolution takes the plain path, whose forward values and weight
 * gradients must still be exact.
 */
class WideConvolutionTest {

    private static final Shape ONE = new Shape(1, 1);
    private static final Shape PAD = new Shape(2, 2);

    @Test
    void padsUnlessATrainingPassCannotWantTheInputGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomUniform(0f, 1f, new Shape(2, 1, 28, 28));
            assertThat(WideConvolution.padded(images, true))
                    .as("training on data")
                    .isFalse();
            assertThat(WideConvolution.padded(images, false))
                    .as("inference outside a collector: no backward can follow")
                    .isFalse();
            NDArray leaf = images.duplicate();
            leaf.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                assertThat(WideConvolution.padded(leaf, true))
                        .as("training on a leaf wanting its gradient")
                        .isTrue();
                // The trap: an intermediate array an attack differentiates through reports no gradient.
                NDArray standardised = leaf.sub(Scalar.of(leaf, 0.5f)).div(Scalar.of(leaf, 0.25f));
                assertThat(standardised.hasGradient()).isFalse();
                assertThat(WideConvolution.padded(standardised, false))
                        .as("inference pass")
                        .isTrue();
            }
        }
    }

    @Test
    void unpaddedPathGivesExactValuesAndWeightGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomUniform(0f, 1f, new Shape(8, 1, 28, 28), DataType.FLOAT64);
            NDArray w = m.randomNormal(0f, 0.2f, new Shape(6, 1, 5, 5), DataType.FLOAT64);
            NDArray b = m.randomNormal(0f, 0.1f, new Shape(6), DataType.FLOAT64);
            NDArray[] exact = valueAndWeightGradient(x, w, b);
            NDArray[] fast = valueAndWeightGradient(
                    x.toType(DataType.FLOAT32, false),
                    w.toType(DataType.FLOAT32, false),
                    b.toType(DataType.FLOAT32, false));
            for (int i = 0; i < exact.length; i++) {
                double error = fast[i].toType(DataType.FLOAT64, false)
                                .sub(exact[i])
                                .abs()
                                .max()
                                .getDouble()
                        / exact[i].abs().max().getDouble();
                assertThat(error).as(i == 0 ? "output" : "weight gradient").isLessThan(1e-5);
            }
        }
    }

    @Test
    void paddedAndPlainForwardValuesAreBitwiseEqual() {
        // Forward passes outside a collector skip the padding; no result may move by it.
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(11);
            NDArray x = m.randomUniform(0f, 1f, new Shape(150, 1, 28, 28))
                    .sub(Scalar.of(m, 0.13f))
                    .div(Scalar.of(m, 0.31f));
            NDArray w = m.randomNormal(0f, 0.2f, new Shape(6, 1, 5, 5), DataType.FLOAT32);
            NDArray b = m.randomNormal(0f, 0.1f, new Shape(6), DataType.FLOAT32);
            float[] plain = Conv2d.conv2d(x, w, b, ONE, PAD, ONE, 1).head().toFloatArray();
            float[] padded = WideConvolution.apply(x, w, b, ONE, PAD, ONE, 1).toFloatArray();
            assertThat(padded).containsExactly(plain);
        }
    }

    /** Through the training path, which skips the padding. */
    private static NDArray[] valueAndWeightGradient(NDArray x, NDArray w, NDArray b) {
        NDArray weight = w.duplicate();
        weight.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            assertThat(WideConvolution.padded(x, true)).isFalse();
            NDArray y = Conv2d.conv2d(x, weight, b, ONE, PAD, ONE, 1).head();
            assertThat(y.getShape()).isEqualTo(new Shape(8, 6, 28, 28));
            collector.backward(y.mul(y).sum());
            return new NDArray[] {y, weight.getGradient()};
        }
    }
}
