package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test JVM runs uncapped (oneDNN's AVX-512 kernels on), as the launcher does. Through
 * {@link WideConvolution}, float32 convolution input gradients must agree with float64 ones for
 * every convolution shape of the paper's three networks, and for the filter counts that are not a
 * multiple of 16 (where the plain libtorch 2.7.1 kernels are wrong on this project's machines).
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
            assertThat(ConvolutionCheck.relativeError(shape)).as(shape.toString()).isLessThan(1e-5);
        }
        assertThatCode(ConvolutionCheck::verify).doesNotThrowAnyException();
    }

    @Test
    void foreignConvolutionsAreSafeOnlyCappedOrOffX86OrWithoutAvx2() {
        String epyc = "fpu sse4_1 avx avx2 avx512f";
        assertThat(ConvolutionCheck.foreignUnsafe("amd64", null, epyc)).isTrue();
        assertThat(ConvolutionCheck.foreignUnsafe("amd64", "AVX2", epyc)).isTrue();
        assertThat(ConvolutionCheck.foreignUnsafe("amd64", "avx512_core", epyc)).isTrue();
        assertThat(ConvolutionCheck.foreignUnsafe("x86_64", null, null)).as("flags unknown").isTrue();
        assertThat(ConvolutionCheck.foreignUnsafe("amd64", "avx", epyc)).isFalse();
        assertThat(ConvolutionCheck.foreignUnsafe("amd64", "SSE41", epyc)).isFalse();
        assertThat(ConvolutionCheck.foreignUnsafe("amd64", null, "fpu sse4_1 avx")).isFalse();
        assertThat(ConvolutionCheck.foreignUnsafe("aarch64", null, null)).isFalse();
    }

    /** This JVM is uncapped: on an AVX2 or AVX-512 x86 CPU a TorchScript convolution's gradients are refused. */
    @Test
    void torchScriptConvolutionGradientsAreRefusedUncapped(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tiny_bn.pt");
        try (InputStream in = getClass().getResourceAsStream("/io/github/isce4j/model/torchscript/tiny_bn.pt")) {
            Files.copy(in, file);
        }
        boolean unsafe = ConvolutionCheck.foreignUnsafeHere();
        try (TorchScriptClassifier model = TorchScriptClassifier.load(file, 10, new Shape(1, 28, 28));
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.full(new Shape(2, 1, 28, 28), 0.5f);
            NDArray labels = m.create(new long[] {0, 1});
            if (unsafe) {
                assertThatThrownBy(() -> model.inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY))
                        .isInstanceOf(ConvolutionCheck.WrongGradients.class).hasMessageContaining("ONEDNN_MAX_CPU_ISA=AVX")
                        .hasMessageContaining("convolutions isce4j did not build");
            } else {
                System.err.println("ConvolutionCheckTest: this CPU/cap is safe for foreign convolutions; "
                        + "checking that their gradients are allowed instead");
                assertThat(model.inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY).gradient().getShape())
                        .isEqualTo(x.getShape());
            }
        }
    }

    /** The same for a plain DJL Conv2d in a caller's block; isce4j's own networks are not refused. */
    @Test
    void aDjlBlockWithAPlainConv2dIsRefusedUncappedButIsce4jNetworksAreNot() {
        assumeTrue(ConvolutionCheck.foreignUnsafeHere(), "this CPU/cap is safe for foreign convolutions: nothing to refuse");
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                    .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray x = m.full(new Shape(2, 1, 28, 28), 0.5f);
            NDArray labels = m.create(new long[] {0, 1});
            try (Classifier c = Classifier.of(block, m, 10, DecisionRule.SOFTMAX)) {
                assertThatThrownBy(() -> c.inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY))
                        .isInstanceOf(ConvolutionCheck.WrongGradients.class).hasMessageContaining("ONEDNN_MAX_CPU_ISA=AVX");
            }
            SequentialBlock lenet = new SequentialBlock().add(Architecture.LENET5.features(84))
                    .add(Linear.builder().setUnits(10).build());
            lenet.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            try (Classifier c = Classifier.of(lenet, m, 10, DecisionRule.SOFTMAX)) {
                assertThat(c.inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY).gradient().getShape())
                        .isEqualTo(x.getShape());
            }
        }
    }
}
