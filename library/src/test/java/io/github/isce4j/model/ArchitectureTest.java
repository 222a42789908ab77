package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.isce4j.data.DatasetName;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static long trainableParameters(Architecture a, int channels, int side, int embeddingDim) {
        try (Model model = Model.newInstance("count")) {
            Network net = a.network(channels == 1 ? DatasetName.MNIST : DatasetName.CIFAR10, embeddingDim);
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, channels, side, side));
            return net.getParameters().values().stream()
                    .filter(Parameter::requiresGradient)
                    .mapToLong(p -> p.getArray().size())
                    .sum();
        }
    }

    private static Shape[] outputShapes(Architecture a, int channels, int side, int embeddingDim) {
        try (Model model = Model.newInstance("shape")) {
            Network net = a.network(channels == 1 ? DatasetName.MNIST : DatasetName.CIFAR10, embeddingDim);
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, channels, side, side));
            NDManager m = model.getNDManager();
            NDList out = net.forward(
                    new ParameterStore(m, false), new NDList(m.zeros(new Shape(3, channels, side, side))), false);
            return new Shape[] {out.get(0).getShape(), out.get(1).getShape()};
        }
    }

    @Test
    void lenet5HasTheClassicParameterCount() {
        assertThat(trainableParameters(Architecture.LENET5, 1, 28, 0)).isEqualTo(61_706);
    }

    @Test
    void cnn8ParameterCountIsPinned() {
        // 6 conv3x3 (no bias) + 7 BatchNorms (gamma, beta) + FC 2048->256 + FC 256->10
        long convs = 3 * 9 * 32 + 32 * 9 * 32 + 32 * 9 * 64 + 64 * 9 * 64 + 64 * 9 * 128 + 128 * 9 * 128;
        long norms = 2 * (32 + 32 + 64 + 64 + 128 + 128 + 256);
        long linear = 2048 * 256 + 256 + 256 * 10 + 10;
        assertThat(trainableParameters(Architecture.CNN8, 3, 32, 0)).isEqualTo(convs + norms + linear);
    }

    @Test
    void resnet32HasAbout047MillionParameters() {
        long n = trainableParameters(Architecture.RESNET32, 3, 32, 0);
        assertThat(n).isBetween(460_000L, 480_000L);
        // Same network on MNIST: only the stem's input channels differ (3 -> 1).
        assertThat(trainableParameters(Architecture.RESNET32, 1, 28, 0)).isEqualTo(n - 2 * 9 * 16);
    }

    @Test
    void outputsAreLogitsAndFeatures() {
        assertThat(outputShapes(Architecture.LENET5, 1, 28, 0)).containsExactly(new Shape(3, 10), new Shape(3, 84));
        assertThat(outputShapes(Architecture.LENET5, 1, 28, 3)).containsExactly(new Shape(3, 10), new Shape(3, 3));
        assertThat(outputShapes(Architecture.CNN8, 3, 32, 0)).containsExactly(new Shape(3, 10), new Shape(3, 256));
        assertThat(outputShapes(Architecture.CNN8, 3, 32, 3)).containsExactly(new Shape(3, 10), new Shape(3, 3));
        assertThat(outputShapes(Architecture.RESNET32, 3, 32, 0)).containsExactly(new Shape(3, 10), new Shape(3, 64));
        assertThat(outputShapes(Architecture.RESNET32, 1, 28, 3)).containsExactly(new Shape(3, 10), new Shape(3, 3));
    }

    @Test
    void embeddingLayerAddsExactlyOneLinearLayer() {
        // LeNet-5 with a 3-wide embedding: 84*3+3 more, and the head shrinks from 84*10 to 3*10.
        assertThat(trainableParameters(Architecture.LENET5, 1, 28, 3))
                .isEqualTo(61_706 + 84 * 3 + 3 - 84 * 10 + 3 * 10);
    }

    @Test
    void unknownNamesAreRejectedWithTheChoices() {
        assertThat(Architecture.parse("LeNet5")).isEqualTo(Architecture.LENET5);
        assertThatThrownBy(() -> Architecture.parse("vgg16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lenet5, cnn8, resnet32");
    }

    @Test
    void optionAShortcutPoolsAndZeroPads() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(2f * 4 * 4).reshape(1, 2, 4, 4);
            PreActivationBlock block = new PreActivationBlock(4, 2, true);
            block.initialize(m, DataType.FLOAT32, x.getShape());
            // Zero the residual branch's last convolution so the output is the shortcut alone.
            block.getParameters().forEach(p -> {
                if (p.getKey().contains("conv2")) {
                    p.getValue().getArray().muli(Scalar.of(p.getValue().getArray(), 0));
                }
            });
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false)
                    .head();
            assertThat(y.getShape()).isEqualTo(new Shape(1, 4, 2, 2));
            assertThat(y.get("0, 0, 0, 0").getFloat()).isEqualTo((0 + 1 + 4 + 5) / 4f);
            assertThat(y.get("0, 1, 1, 1").getFloat()).isEqualTo((26 + 27 + 30 + 31) / 4f);
            assertThat(y.get("0, 2:").abs().max().getFloat()).isZero();
        }
    }
}
