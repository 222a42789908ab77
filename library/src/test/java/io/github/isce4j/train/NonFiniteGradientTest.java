package io.github.isce4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.RobustnessEvaluation;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.model.Architecture;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.model.NonFiniteGradient;
import io.github.isce4j.model.Scalar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A NaN or infinite gradient stops the work with one line that says what and where, before it can
 * move an attack's iterate or a model's weights.
 */
class NonFiniteGradientTest {

    private static final DataLocator DATA = new DataLocator((Path) null);

    @Test
    void anAttackStopsAtAnInfiniteInputGradientNamingTheAttackAndTheBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            // sqrt's derivative is infinite at 0, and MNIST's background is exactly 0.
            Block block = new SequentialBlock()
                    .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().sqrt())))
                    .add(Architecture.LENET5.features(84))
                    .add(Linear.builder().setUnits(10).build());
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            ImageSet test = DATA.load(DatasetName.MNIST, Split.TEST).first(64);
            try (Classifier sqrt = Classifier.of(block, m, 10, DecisionRule.SOFTMAX)) {
                RobustnessEvaluation evaluation =
                        new RobustnessEvaluation(sqrt, test.images(m), test.labelArray(m), 32, 0);
                assertThatThrownBy(() -> evaluation.run(
                                AttackPlan.of(PgdSpec.l2(1.0).steps(3).build())))
                        .isInstanceOf(NonFiniteGradient.class)
                        .hasMessageStartingWith("the input gradient")
                        .hasMessageContaining("is not finite (NaN or infinite) for ")
                        .hasMessageContaining("pgd-l2 eps=1.0")
                        .hasMessageContaining("the batch from image ")
                        .satisfies(e ->
                                assertThat(((NonFiniteGradient) e).images()).isPositive())
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
        }
    }

    @Test
    void aTrainingStepStopsAtANanGradientBeforeTheWeightsMove() {
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(SceConfig.DEFAULT)
                .optEpochs(1)
                .optBatchSize(64)
                .optTrainLimit(256)
                .build();
        ImageSet train = DATA.load(DatasetName.MNIST, Split.TRAIN).first(256);
        // Finite value, NaN gradient: sqrt(0 · z) is 0, its derivative ∞ · 0.
        Loss broken = new Loss("finite value, NaN gradient") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray z = predictions.head();
                return z.mul(Scalar.of(z, 0f)).sqrt().sum();
            }
        };
        TrainingRun run = new TrainingRun(config, null, new PrintStream(new ByteArrayOutputStream()));
        try (NetworkClassifier classifier = Checkpoint.newClassifier(config)) {
            NDManager root = classifier.model().getNDManager();
            List<Parameter> parameters = Checkpoint.trainable(classifier.network());
            List<float[]> before = new ArrayList<>();
            parameters.forEach(p -> before.add(p.getArray().toFloatArray()));
            Adam adam = new Adam(parameters, 1e-3f);
            assertThatThrownBy(() -> run.trainEpoch(
                            1,
                            classifier,
                            new ParameterStore(root, false),
                            broken,
                            adam,
                            train.images(root),
                            train.labelArray(root)))
                    .isInstanceOf(NonFiniteGradient.class)
                    .hasMessageStartingWith("the gradient of parameter ")
                    .hasMessageContaining("in epoch 1, batch 1 is not finite")
                    .hasMessageContaining("checkpoint of the last finished epoch is untouched");
            for (int i = 0; i < parameters.size(); i++) {
                assertThat(parameters.get(i).getArray().toFloatArray())
                        .as(parameters.get(i).getName())
                        .containsExactly(before.get(i));
            }
        }
    }
}
