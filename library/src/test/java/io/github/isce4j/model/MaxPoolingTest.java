package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MaxPooling}: outside a gradient collector its strided maximums give bitwise the values of
 * libtorch's max-pool kernel; inside one the kernel runs, so a tied window's gradient goes to its
 * first maximum. MNIST's black background makes tied windows common.
 */
class MaxPoolingTest {

    private static final Shape TWO = new Shape(2, 2);

    @Test
    void withoutCollectorValuesAreBitwiseTheKernels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = mnist(m, 64);
            NDArray withNaN = images.sub(Scalar.of(images, 0.5f))
                    .mul(images.sub(Scalar.of(images, 0.2f)))
                    .log(); // log of negatives
            // Even, odd (last row and column dropped) and a NaN, which both propagate.
            for (NDArray x : List.of(images, images.get(new NDIndex(":, :, :27, :27")), withNaN)) {
                NDArray kernel = Pool.maxPool2d(x, TWO, TWO, new Shape(0, 0), false);
                NDArray fast = MaxPooling.apply(x);
                assertThat(fast.getShape()).isEqualTo(kernel.getShape());
                assertThat(fast.isNaN().eq(kernel.isNaN()).all().getBoolean()).isTrue();
                NDArray finite = kernel.isNaN().logicalNot();
                assertThat(fast.booleanMask(finite).contentEquals(kernel.booleanMask(finite)))
                        .isTrue();
            }
            assertThat(withNaN.isNaN().any().getBoolean())
                    .as("a NaN was tested")
                    .isTrue();
        }
    }

    @Test
    void underCollectorTiedWindowsSendTheGradientToTheFirstMaximum() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = mnist(m, 8);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = MaxPooling.apply(x);
                collector.backward(y.sum());
            }
            NDArray g = x.getGradient();
            // Every window holds exactly one 1 (the first maximum), even all-black ones.
            NDArray perWindow = g.reshape(8, 1, 14, 2, 14, 2).sum(new int[] {3, 5});
            assertThat(perWindow.eq(Scalar.of(perWindow, 1f)).all().getBoolean())
                    .isTrue();
            assertThat(g.get(new NDIndex(":, :, 0, 0"))
                            .eq(Scalar.of(g, 1f))
                            .all()
                            .getBoolean())
                    .as("the blank top-left window: its first pixel")
                    .isTrue();
        }
    }

    private static NDArray mnist(NDManager m, int n) {
        return new DataLocator(null)
                .load(DatasetName.MNIST, Split.TEST)
                .first(n)
                .images(m);
    }
}
