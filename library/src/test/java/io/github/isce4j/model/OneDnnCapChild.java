package io.github.isce4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * Run by {@link OneDnnCapTest} in a fresh JVM, with or without {@code ONEDNN_MAX_CPU_ISA}: the
 * cap it reports, then the input gradients of a plain DJL convolution (4 filters) and of isce4j's
 * LeNet-5, each outcome one line on standard output for the parent to read.
 */
final class OneDnnCapChild {

    private OneDnnCapChild() {}

    public static void main(String[] args) {
        System.out.println("CAP " + OneDnnCap.describe() + " in effect " + OneDnnCap.inEffect());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.full(new Shape(2, 1, 28, 28), 0.5f);
            NDArray labels = m.create(new long[] {0, 1});
            Block plain = new SequentialBlock()
                    .add(Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .setFilters(4)
                            .build())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(10).build());
            Block lenet = new SequentialBlock()
                    .add(Architecture.LENET5.features(84))
                    .add(Linear.builder().setUnits(10).build());
            plain.initialize(m, DataType.FLOAT32, x.getShape());
            lenet.initialize(m, DataType.FLOAT32, x.getShape());
            try (Classifier plainConv = Classifier.of(plain, m, 10, DecisionRule.SOFTMAX);
                    Classifier lenet5 = Classifier.of(lenet, m, 10, DecisionRule.SOFTMAX)) {
                System.out.println("LENET5 " + outcome(lenet5, x, labels));
                System.out.println("PLAIN " + outcome(plainConv, x, labels));
            }
        }
    }

    private static String outcome(Classifier c, NDArray x, NDArray labels) {
        try {
            NDArray g =
                    c.inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY).gradient();
            return "gradient " + g.getShape() + " finite "
                    + g.isInfinite().logicalOr(g.isNaN()).none().getBoolean();
        } catch (ConvolutionCheck.WrongGradients e) {
            return "refused: " + e.getMessage();
        }
    }
}
