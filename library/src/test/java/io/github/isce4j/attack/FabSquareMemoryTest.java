package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each step's arrays are freed: the live native arrays under the caller's manager do not grow with the steps. */
class FabSquareMemoryTest {

    @Test
    void fabStepsFreeTheirArrays() {
        for (Norm norm : Norm.values()) {
            List<Integer> live =
                    liveArraysAtEachModelCall(new FabSpec(norm, Double.POSITIVE_INFINITY, 1, 40, 1, 0.1, 1.05, 0.9), 0);
            // two model calls per step: the gradient and the misclassification check
            assertThat(live).hasSizeGreaterThan(60);
            assertThat(live.get(live.size() - 2))
                    .as("%s, step 39 against step 5", norm)
                    .isEqualTo(live.get(10));
        }
    }

    @Test
    void squareStepsFreeTheirArrays() {
        for (Norm norm : Norm.values()) {
            // a radius too small to fool anything, so every image runs to the budget
            List<Integer> live = liveArraysAtEachModelCall(new SquareSpec(norm, 1e-4, 60, 0.8), 1);
            assertThat(live).as("60 queries and the final measurement").hasSize(61);
            assertThat(live.get(58)).as("%s, query 59 against query 10", norm).isEqualTo(live.get(9));
        }
    }

    private static List<Integer> liveArraysAtEachModelCall(AttackSpec spec, long seed) {
        Random random = new Random(seed);
        List<Integer> live = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager();
                AffineClassifier affine = AttackInvariantsTest.randomModel(random)) {
            NDArray x = AttackInvariantsTest.images(root, random);
            NDArray y = affine.predict(x);
            Classifier counting =
                    new Counting(affine, () -> live.add(root.getManagedArrays().size()));
            spec.attack().run(counting, x, y, random);
        }
        return live;
    }

    /** Delegates to the affine model and reports each call of the attack into it. */
    private record Counting(AffineClassifier model, Runnable onCall) implements Classifier {
        @Override
        public int numClasses() {
            return model.numClasses();
        }

        @Override
        public String description() {
            return "counting";
        }

        @Override
        public DecisionRule decisionRule() {
            return model.decisionRule();
        }

        @Override
        public NDArray logits(NDArray images) {
            onCall.run();
            return model.logits(images);
        }

        @Override
        public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
            onCall.run();
            return model.inputGradients(images, objectives);
        }

        @Override
        public void close() {}
    }
}
