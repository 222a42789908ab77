package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import org.junit.jupiter.api.Test;

/** Any DJL block as a Classifier; the caller's own images as an ImageSet. */
class ClassifierOfTest {

    private static SequentialBlock linear(int units) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(units).build());
    }

    @Test
    void aPlainDjlBlockGivesItsOwnLogitsAndExactInputGradients() {
        try (NDManager m = NDManager.newBaseManager();
                Model model = Model.newInstance("linear")) {
            SequentialBlock block = linear(3);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 2, 2));
            try (Classifier c = Classifier.of(model, 3)) {
                NDArray x = m.randomUniform(0, 1, new Shape(5, 1, 2, 2));
                NDArray direct = block.forward(new ParameterStore(m, false), new NDList(x), false)
                        .head();
                assertThat(c.logits(x).toFloatArray()).containsExactly(direct.toFloatArray());
                // For logits W·x + b the gradient of z_k w.r.t. x is row k of W, for every image.
                NDArray w = block.getChildren()
                        .get(1)
                        .getValue()
                        .getParameters()
                        .get("weight")
                        .getArray();
                InputGradients g = c.inputGradients(x, z -> new NDList(z.get(":, 1")));
                for (int i = 0; i < 5; i++) {
                    assertThat(g.gradient().get(i).reshape(-1).toFloatArray())
                            .containsExactly(w.get(1).toFloatArray());
                }
                assertThat(c.predict(x).toLongArray())
                        .containsExactly(direct.argMax(1).toLongArray());
            }
        }
    }

    @Test
    void blocksThatDoNotReturnNkLogitsAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = linear(5);
            block.setInitializer(new ConstantInitializer(0.1f), ai.djl.nn.Parameter.Type.WEIGHT);
            assertThatThrownBy(() -> Classifier.of(block, m, 5, DecisionRule.SOFTMAX))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not initialised");
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            try (Classifier c = Classifier.of(block, m, 10, DecisionRule.SOFTMAX)) {
                NDArray x = m.zeros(new Shape(2, 1, 2, 2));
                assertThatThrownBy(() -> c.logits(x))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("shape (2, 5)")
                        .hasMessageContaining("logits [N, 10]");
            }
        }
    }

    @Test
    void callersArraysBecomeAnImageSet() {
        byte[] pixels = {0, (byte) 255, 51, 102, 0, 0, 0, 0};
        ImageSet set = ImageSet.of("mine", Split.TEST, pixels, new int[] {1, 0}, 1, 2, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(set.images(m).getShape()).isEqualTo(new Shape(2, 1, 2, 2));
            assertThat(set.images(m).toFloatArray()).containsExactly(0f, 1f, 0.2f, 0.4f, 0, 0, 0, 0);
            assertThat(set.labelArray(m).toLongArray()).containsExactly(1, 0);
        }
        pixels[1] = 7; // the set holds its own copy
        assertThat(set.pixels(0, 1)[1]).isEqualTo(1f);
        assertThat(set.sha256()).singleElement().asString().matches("[0-9a-f]{64}  mine \\(in memory\\)");
        assertThat(set.first(1).toString()).isEqualTo("ImageSet[mine test, 1 images of 1x2x2, first 1 test images]");
        assertThatThrownBy(() -> ImageSet.of("bad", Split.TEST, new byte[3], new int[] {0}, 1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 4 pixel values");
        assertThatThrownBy(() -> ImageSet.of("bad", Split.TEST, new byte[4], new int[] {-1}, 1, 2, 2))
                .hasMessageContaining("negative");
    }
}
