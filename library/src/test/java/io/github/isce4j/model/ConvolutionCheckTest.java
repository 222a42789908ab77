package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Through {@link WideConvolution}, float32 convolution input gradients must agree with float64
 * ones for every convolution shape of the paper's three networks, and for the filter counts that
 * are not a multiple of 16 (where libtorch 2.7.1's uncapped plain kernels are wrong on this
 * project's machines), capped or not: the suite runs this class both ways (pom.xml). Capped, the
 * plain path is exact too.
 */
class ConvolutionCheckTest {

    /** LeNet-5, CNN-8 and ResNet-32's convolutions, then 3 -> 4, 8, 12, 24 and 32 -> 48. */
    private static final ConvolutionShape[] SHAPES = {
        new ConvolutionShape(1, 28, 28, 6, 5, 1, 2), new ConvolutionShape(6, 14, 14, 16, 5, 1, 0),
        new ConvolutionShape(3, 32, 32, 32, 3, 1, 1), new ConvolutionShape(32, 16, 16, 64, 3, 1, 1),
        new ConvolutionShape(3, 32, 32, 16, 3, 1, 1), new ConvolutionShape(16, 32, 32, 32, 3, 2, 1),
        new ConvolutionShape(3, 12, 12, 4, 3, 1, 1), new ConvolutionShape(3, 12, 12, 8, 3, 1, 1),
        new ConvolutionShape(3, 12, 12, 12, 3, 1, 1), new ConvolutionShape(3, 12, 12, 24, 3, 1, 1),
        new ConvolutionShape(32, 16, 16, 48, 3, 1, 1), new ConvolutionShape(1, 28, 28, 6, 5, 1, 0),
    };

    @Test
    void float32ConvolutionGradientsMatchFloat64ForEveryShape() {
        for (ConvolutionShape shape : SHAPES) {
            assertThat(ConvolutionCheck.relativeError(shape, true))
                    .as(shape.toString())
                    .isLessThan(1e-5);
        }
        assertThatCode(ConvolutionCheck::verify).doesNotThrowAnyException();
    }

    @Test
    void cappedThePlainPathIsExactToo() {
        assumeTrue(OneDnnCap.inEffect(), "runs in the capped execution (pom.xml)");
        for (ConvolutionShape shape : SHAPES) {
            assertThat(ConvolutionCheck.relativeError(shape, false))
                    .as(shape.toString())
                    .isLessThan(1e-5);
        }
        assertThatCode(() -> ConvolutionCheck.requireExactPlainConvolutions("a model"))
                .doesNotThrowAnyException();
    }
}
