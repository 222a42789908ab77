package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.Split;
import io.github.isce4j.loss.SceConfig;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.TrainingConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Input gradients of whole networks against float64 copies of the same networks, whose
 * convolutions take a different native path: the attack suite stands on these gradients.
 */
class InputGradientTest {

    @Test
    void networkInputGradientsAgreeWithFiniteDifferences() {
        // Seeded: unseeded, the networks and images depended on the tests before this one (one
        // full-suite order gave LeNet-5 a finite-difference slope 8.4 % off; see stop 25's note).
        Engine.getInstance().setRandomSeed(7);
        for (Architecture architecture : Architecture.values()) {
            TrainingConfig config = TrainingConfig.builder()
                    .setDataset(DatasetName.MNIST)
                    .setModel(architecture)
                    .setLoss(SceConfig.DEFAULT)
                    .optEpochs(1)
                    .optBatchSize(32)
                    .build();
            try (NetworkClassifier classifier = Checkpoint.newClassifier(config);
                    NDManager m = NDManager.newBaseManager()) {
                // Random images: MNIST's flat background makes max-pool ties, where the loss has a kink.
                NDArray x = m.randomUniform(0.2f, 0.8f, new Shape(4, 1, 28, 28));
                // Least-likely labels: an untrained ResNet-32 can saturate its softmax, and a label equal to the
                // saturated prediction has an exactly zero gradient, which tells nothing.
                NDArray labels = classifier.logits(x).argMin(1);
                NDArray g = classifier
                        .inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY)
                        .gradient();
                assertThat(g.getShape()).isEqualTo(new Shape(4, 1, 28, 28));
                // Cross-entropy is smooth but for ReLU kinks; along the unit gradient direction of each image the loss
                // must change at rate |g|.
                NDArray norms = g.reshape(4, -1).norm(new int[] {1});
                assertThat(norms.min().getFloat())
                        .as("%s gradient norm", architecture.id())
                        .isPositive();
                NDArray direction = g.div(norms.reshape(4, 1, 1, 1));
                float h = 1e-3f;
                NDArray up = InputLoss.DEPLOYED_CROSS_ENTROPY.perExample(
                        classifier.logits(x.add(direction.mul(Scalar.of(direction, h)))), DecisionRule.SOFTMAX, labels);
                NDArray down = InputLoss.DEPLOYED_CROSS_ENTROPY.perExample(
                        classifier.logits(x.sub(direction.mul(Scalar.of(direction, h)))), DecisionRule.SOFTMAX, labels);
                float[] slope = up.sub(down).div(Scalar.of(up, 2 * h)).toFloatArray();
                float[] expected = norms.toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertThat(slope[i])
                            .as("%s image %d", architecture.id(), i)
                            .isCloseTo(expected[i], org.assertj.core.data.Percentage.withPercentage(5));
                }
            }
        }
    }

    @Test
    void severalObjectivesInOnePassEqualSeparatePasses() {
        TrainingConfig config = TrainingConfig.builder()
                .setDataset(DatasetName.MNIST)
                .setModel(Architecture.LENET5)
                .setLoss(SceConfig.DEFAULT)
                .optEpochs(1)
                .optBatchSize(32)
                .build();
        try (NetworkClassifier classifier = Checkpoint.newClassifier(config);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = new DataLocator((Path) null)
                    .load(DatasetName.MNIST, Split.TEST)
                    .first(4)
                    .images(m);
            InputGradients both = classifier.inputGradients(x, z -> new NDList(z.get(":, 3"), z.get(":, 7")));
            NDArray three =
                    classifier.inputGradients(x, z -> new NDList(z.get(":, 3"))).gradient();
            NDArray seven =
                    classifier.inputGradients(x, z -> new NDList(z.get(":, 7"))).gradient();
            assertThat(both.gradients().get(0).sub(three).abs().max().getFloat())
                    .isLessThan(1e-6f);
            assertThat(both.gradients().get(1).sub(seven).abs().max().getFloat())
                    .isLessThan(1e-6f);
            // Parameters are frozen during the pass and thawed after it.
            classifier
                    .network()
                    .getParameters()
                    .values()
                    .forEach(p -> assertThat(p.getArray().hasGradient()).isTrue());
        }
    }
}
