package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.loss.IsceConfig;
import io.github.isce4j.loss.LossConfig;
import io.github.isce4j.loss.LossName;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.InputLoss;
import io.github.isce4j.model.Network;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.model.Scalar;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients survive a garbage collection between the forward and the backward pass. DJL 0.36's
 * {@code Number} operands ({@code x.div(0.3081f)}) live in Java direct buffers that autograd keeps
 * but Java frees at the next collection; this test forces that collection at the worst moment, for
 * an input gradient through LeNet-5 on MNIST and for a training step with every loss, and checks
 * each gradient against central finite differences of the forward pass, in float64, which share
 * no autograd code with it. Before {@link Scalar}, the input gradient and the steps of label
 * smoothing, center loss, L-GM, ArcFace, MMC and I-SCE with s = 2 failed in every run; SCE and
 * I-SCE with s = 1 had no such operand that backward reads, and stand guard for the future.
 */
class GarbageCollectedGradientsTest {

    private static final DataLocator DATA = new DataLocator((Path) null);
    /** Small: noisy MNIST puts ReLU and max-pooling kinks within 1e-5 of the input along a random direction. */
    private static final double H = 1e-8;

    private static final int DIRECTIONS = 3;

    /** Direct buffers that took back freed native memory; held until the next collection here. */
    private static final List<ByteBuffer> REUSED = new ArrayList<>();

    /**
     * A garbage collection at the worst moment, made deterministic. Java frees an unreachable
     * direct buffer on its reference-handler thread, whose glibc cache takes the first few small
     * chunks; the many small buffers dropped here push the rest, DJL's scalars among them, into the
     * heap's shared free lists, and the small allocations after the collection take them back and
     * write 1e30 into each, as a busy program would write its own data.
     */
    static void collectGarbage() {
        REUSED.clear();
        for (int i = 0; i < 256; i++) {
            ByteBuffer.allocateDirect(4);
        }
        System.gc();
        try {
            Thread.sleep(20); // the cleaners run on another thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 1024; i++) {
            REUSED.add(
                    ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1e30f));
        }
    }

    private static TrainingConfig config(LossConfig loss) {
        return TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(loss)
                .optEpochs(1)
                .optBatchSize(32)
                .optSeed(5)
                .optTrainLimit(2_000)
                .build();
    }

    /** A LeNet-5 with the loss's head, in float64 so that finite differences are exact to about 1e-9. */
    private static NetworkClassifier float64LeNet(LossConfig loss) {
        Engine.getInstance().setRandomSeed(3);
        TrainingConfig config = config(loss);
        Network network = Architecture.LENET5.network(
                DatasetName.MNIST, config.effectiveEmbeddingDim(), config.loss().head(10));
        Model model = Model.newInstance("float64 LeNet-5");
        model.setBlock(network);
        network.initialize(model.getNDManager(), DataType.FLOAT64, new Shape(1, 1, 28, 28));
        return new NetworkClassifier(model, config.loss().decisionRule(), 10, "float64 LeNet-5 / " + loss.describe());
    }

    private static NDArray mnist(NDManager m, Split split, int n, boolean labels) {
        ImageSet set = DATA.load(DatasetName.MNIST, split).first(n);
        return labels ? set.labelArray(m) : set.images(m).toType(DataType.FLOAT64, false);
    }

    @Test
    void anInputGradientThroughLeNet5OnMnistSurvivesACollectionBeforeBackward() {
        try (NetworkClassifier classifier = float64LeNet(LossConfig.of(LossName.SCE));
                NDManager m = NDManager.newBaseManager()) {
            // MNIST's flat background ties the values in a max-pooling window, where the input
            // gradient is not defined; noise of 1e-3 breaks the ties.
            NDArray x = mnist(m, Split.TEST, 8, false);
            x = x.add(m.randomUniform(0, 1e-3f, x.getShape(), DataType.FLOAT64));
            NDArray y = mnist(m, Split.TEST, 8, true);
            Function<NDArray, NDArray> loss =
                    z -> InputLoss.DEPLOYED_CROSS_ENTROPY.perExample(z, classifier.decisionRule(), y);
            InputGradients g = classifier.inputGradients(x, z -> {
                NDList values = new NDList(loss.apply(z));
                collectGarbage();
                return values;
            });
            for (int d = 0; d < DIRECTIONS; d++) {
                NDArray v = m.randomNormal(x.getShape(), DataType.FLOAT64);
                double autograd = g.gradient().mul(v).sum().getDouble();
                double plus = loss.apply(classifier.logits(x.add(v.mul(Scalar.of(v, H)))))
                        .sum()
                        .getDouble();
                double minus = loss.apply(classifier.logits(x.sub(v.mul(Scalar.of(v, H)))))
                        .sum()
                        .getDouble();
                assertClose(autograd, (plus - minus) / (2 * H), "direction " + d);
            }
        }
    }

    /** @return every loss with its defaults, and I-SCE in both variants with s = 2 (the default s = 1 skips a product) */
    static Stream<LossConfig> losses() {
        return Stream.concat(
                Arrays.stream(LossName.values()).map(LossConfig::of),
                Stream.of(IsceConfig.paper(2, 0.1f), IsceConfig.code(2, 0.1f)));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void aTrainingStepSurvivesACollectionBeforeBackward(LossConfig lossConfig) {
        try (NetworkClassifier classifier = float64LeNet(lossConfig);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = mnist(m, Split.TRAIN, 32, false);
            NDArray y = mnist(m, Split.TRAIN, 32, true);
            Loss loss = lossConfig.trainingLoss();
            ParameterStore store = new ParameterStore(m, false);
            List<Parameter> parameters = Checkpoint.trainable(classifier.network());
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value =
                        loss.evaluate(new NDList(y), classifier.network().forward(store, new NDList(x), true));
                collectGarbage();
                collector.backward(value);
            }
            for (int d = 0; d < DIRECTIONS; d++) {
                List<NDArray> v = new ArrayList<>();
                double autograd = 0;
                for (Parameter p : parameters) {
                    v.add(m.randomNormal(p.getArray().getShape(), DataType.FLOAT64));
                    autograd += p.getArray()
                            .getGradient()
                            .mul(v.get(v.size() - 1))
                            .sum()
                            .getDouble();
                }
                double plus = shifted(parameters, v, H, () -> trainingLoss(classifier, store, loss, x, y));
                double minus = shifted(parameters, v, -H, () -> trainingLoss(classifier, store, loss, x, y));
                assertClose(autograd, (plus - minus) / (2 * H), lossConfig.describe() + ", direction " + d);
            }
        }
    }

    private static double trainingLoss(NetworkClassifier c, ParameterStore store, Loss loss, NDArray x, NDArray y) {
        return loss.evaluate(new NDList(y), c.network().forward(store, new NDList(x), true))
                .getDouble();
    }

    /** @return the loss with every parameter moved by step · its direction, the parameters restored after */
    private static double shifted(
            List<Parameter> parameters, List<NDArray> directions, double step, DoubleSupplier loss) {
        List<NDArray> saved = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            saved.add(w.duplicate());
            w.addi(directions.get(i).mul(Scalar.of(w, step)));
        }
        try {
            return loss.getAsDouble();
        } finally {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().subi(parameters.get(i).getArray()).addi(saved.get(i)); // exact, and native
            }
        }
    }

    /** Finite differences in float64 agree with the true derivative to about 1e-8 here; a freed operand is off by orders of magnitude. */
    private static void assertClose(double autograd, double finiteDifference, String what) {
        assertThat(autograd)
                .as(what + ": autograd " + autograd + " against finite differences " + finiteDifference)
                .isCloseTo(finiteDifference, Offset.offset(1e-5 * (1 + Math.abs(finiteDifference))));
    }
}
