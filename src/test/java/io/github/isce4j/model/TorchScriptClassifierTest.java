package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.UserError;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackResult;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.ProjectedGradientDescent;
import io.github.isce4j.attack.TargetChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A TorchScript module saved by PyTorch 1.13 (conv → BatchNorm with non-trivial running
 * statistics → ReLU → pooling → linear; tools/torchscript/make_tiny_bn.py) gives PyTorch's own
 * logits and input gradients, computed in eval mode, and stays in eval mode after a gradient pass.
 */
class TorchScriptClassifierTest {

    private static final String DIR = "/io/github/isce4j/model/torchscript/";

    @Test
    void logitsAndInputGradientsMatchPyTorchInEvalMode(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tiny_bn.pt");
        try (InputStream in = getClass().getResourceAsStream(DIR + "tiny_bn.pt")) {
            Files.copy(in, file);
        }
        JsonObject expected;
        try (InputStream in = getClass().getResourceAsStream(DIR + "tiny_bn.json")) {
            expected = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        try (TorchScriptClassifier model = TorchScriptClassifier.load(file, 10, new Shape(1, 28, 28)); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(floats(expected.getAsJsonArray("x")), new Shape(6, 1, 28, 28));
            NDArray labels = m.create(new long[] {0, 1, 2, 3, 4, 5});
            float[] logits = floats(expected.getAsJsonArray("logits"));

            InputGradients g = model.inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY);
            assertClose(g.logits().toFloatArray(), logits, 1e-4f);
            assertClose(g.gradient().toFloatArray(), floats(expected.getAsJsonArray("gradient")), 1e-5f);
            // Running statistics, not batch statistics, before and after the gradient pass.
            assertClose(model.logits(x).toFloatArray(), logits, 1e-4f);
            float[] training = floats(expected.getAsJsonArray("training_mode_logits"));
            assertThat(Math.abs(training[0] - logits[0]) + Math.abs(training[1] - logits[1])).isGreaterThan(1e-3f);

            AttackResult r = new ProjectedGradientDescent(Norm.L2, 3, 10, 0.75, false, 1, TargetChoice.NONE, AttackLoss.CE)
                    .run(model, x, labels, new Random(0));
            for (float l2 : r.l2()) {
                assertThat(l2).isLessThanOrEqualTo(3.00001f);
            }
        }
    }

    @Test
    void modulesWhoseLogitsAreNotFiniteFloat32NByKAreRefusedAtLoad(@TempDir Path tmp) throws Exception {
        Shape mnist = new Shape(1, 28, 28);
        assertThatThrownBy(() -> TorchScriptClassifier.load(fixture(tmp, "nan_logits.pt"), 10, mnist))
                .isInstanceOf(UserError.class).hasMessageContaining("non-finite logits");
        assertThatThrownBy(() -> TorchScriptClassifier.load(fixture(tmp, "int_logits.pt"), 10, mnist))
                .isInstanceOf(UserError.class).hasMessageContaining("returned int64 logits, expected float32");
        assertThatThrownBy(() -> TorchScriptClassifier.load(fixture(tmp, "flat_logits.pt"), 10, mnist))
                .isInstanceOf(UserError.class).hasMessageContaining("expected [N, 10] logits");
    }

    @Test
    void aModuleGivenTheWrongImageShapeIsRefusedInOneLineNamingTheShape(@TempDir Path tmp) throws Exception {
        Path file = fixture(tmp, "tiny_bn.pt");
        assertThatThrownBy(() -> TorchScriptClassifier.load(file, 10, new Shape(3, 32, 32)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("fails on images of shape [N, 3, 32, 32]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400));
    }

    private Path fixture(Path tmp, String name) throws Exception {
        Path file = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(DIR + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    private static float[] floats(JsonArray array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsFloat();
        }
        return values;
    }
}
