package io.github.isce4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackResult;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.ProjectedGradientDescent;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.AttackPlan;
import io.github.isce4j.eval.RobustnessEvaluation;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript module saved by PyTorch 1.13 (conv → BatchNorm with non-trivial running
 * statistics → ReLU → pooling → linear; tools/torchscript/make_tiny_bn.py) gives PyTorch's own
 * logits and input gradients, computed in eval mode, and stays in eval mode after a gradient pass.
 * Besides PyTorch's numbers, the logits are checked against a twin of the network in plain Java
 * double arithmetic with the module's own weights, and the gradients against central finite
 * differences of that twin.
 *
 * <p>Runs in the suite's capped JVM (pom.xml): uncapped, this CPU's oneDNN computes these
 * convolutions' input gradients wrong, and they are refused.
 */
class TorchScriptClassifierTest {

    @BeforeAll
    static void cappedOneDnn() {
        assumeTrue(
                OneDnnCap.inEffect(),
                "runs in the capped execution (pom.xml): TorchScript input gradients need ONEDNN_MAX_CPU_ISA=AVX here");
    }

    private static final String DIR = "/io/github/isce4j/model/torchscript/";

    @Test
    void logitsAndInputGradientsMatchPyTorchInEvalMode(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tiny_bn.pt");
        try (InputStream in = getClass().getResourceAsStream(DIR + "tiny_bn.pt")) {
            Files.copy(in, file);
        }
        JsonObject expected;
        try (InputStream in = getClass().getResourceAsStream(DIR + "tiny_bn.json")) {
            expected = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
        try (TorchScriptClassifier model = TorchScriptClassifier.load(file, 10, new Shape(1, 28, 28));
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(floats(expected.getAsJsonArray("x")), new Shape(6, 1, 28, 28));
            NDArray labels = m.create(new long[] {0, 1, 2, 3, 4, 5});
            float[] logits = floats(expected.getAsJsonArray("logits"));

            InputGradients g = model.inputGradient(x, labels, InputLoss.DEPLOYED_CROSS_ENTROPY);
            assertClose(g.logits().toFloatArray(), logits, 1e-4f);
            assertClose(g.gradient().toFloatArray(), floats(expected.getAsJsonArray("gradient")), 1e-5f);
            // Running statistics, not batch statistics, before and after the gradient pass.
            assertClose(model.logits(x).toFloatArray(), logits, 1e-4f);

            Twin twin;
            try (ai.djl.Model raw = ai.djl.Model.newInstance("twin", "PyTorch")) {
                raw.load(tmp, "tiny_bn"); // the same file, read by DJL directly for its weights
                twin = new Twin((PtSymbolBlock) raw.getBlock());
            }
            double[] images = doubles(x.toFloatArray());
            long[] y = labels.toLongArray();
            assertClose(model.logits(x).toFloatArray(), toFloats(twin.logits(images, false)), 1e-4f);
            // Batch statistics would give other logits: the twin tells eval mode apart.
            double[] training = twin.logits(images, true);
            double apart = 0;
            for (int i = 0; i < training.length; i++) {
                apart = Math.max(apart, Math.abs(training[i] - model.logits(x).toFloatArray()[i]));
            }
            assertThat(apart).as("distance to batch-statistics logits").isGreaterThan(1e-2);
            assertGradientIsFiniteDifferences(g.gradient().toFloatArray(), twin, images, y);

            PgdSpec pgd =
                    PgdSpec.l2(3).steps(10).stepSize(0.75).losses(AttackLoss.CE).build();
            AttackResult r = new ProjectedGradientDescent(pgd).run(model, x, labels, new Random(0));
            float[] adv = r.adversarial().toFloatArray();
            for (int n = 0; n < 6; n++) {
                double l2 = 0;
                for (int i = n * 784; i < (n + 1) * 784; i++) {
                    l2 += (adv[i] - images[i]) * (adv[i] - images[i]);
                }
                assertThat(Math.sqrt(l2)).as("L2 of image %d", n).isLessThanOrEqualTo(3.00001);
            }
        }
    }

    @Test
    void modulesWhoseLogitsAreNotFiniteFloat32NByKAreRefusedAtLoad(@TempDir Path tmp) throws Exception {
        Shape mnist = new Shape(1, 28, 28);
        assertThatThrownBy(() -> TorchScriptClassifier.load(fixture(tmp, "nan_logits.pt"), 10, mnist))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite logits");
        assertThatThrownBy(() -> TorchScriptClassifier.load(fixture(tmp, "int_logits.pt"), 10, mnist))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returned int64 logits, expected float32");
        assertThatThrownBy(() -> TorchScriptClassifier.load(fixture(tmp, "flat_logits.pt"), 10, mnist))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected [N, 10] logits");
    }

    @Test
    void aModuleGivenTheWrongImageShapeIsRefusedInOneLineNamingTheShape(@TempDir Path tmp) throws Exception {
        Path file = fixture(tmp, "tiny_bn.pt");
        assertThatThrownBy(() -> TorchScriptClassifier.load(file, 10, new Shape(3, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fails on images of shape [N, 3, 32, 32]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400));
    }

    /**
     * batch_of_two.pt reshapes its per-image sums to [2, 1], so it works on two images only: made
     * without PyTorch from flat_logits.pt by rewriting the forward in its code/__torch__.py to
     * {@code torch.repeat(torch.reshape(s, [2, 1]), [1, 10])} and zipping it again.
     */
    @Test
    void aModuleThatFailsOnlyOnLargerBatchesIsRefusedAtLoadWithTheRequestedBatchSize(@TempDir Path tmp)
            throws Exception {
        Path file = fixture(tmp, "batch_of_two.pt");
        Shape mnist = new Shape(1, 28, 28);
        assertThatThrownBy(() -> TorchScriptClassifier.load(file, 10, mnist, 500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "TorchScript batch_of_two.pt fails on images of shape [N, 1, 28, 28] with N = 500")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400));
        // A two-image probe lets it through; the first larger batch then fails in one line, not a traceback.
        try (TorchScriptClassifier c = TorchScriptClassifier.load(file, 10, mnist, 2);
                NDManager m = NDManager.newBaseManager()) {
            assertThat(c.logits(m.zeros(new Shape(2, 1, 28, 28))).getShape()).isEqualTo(new Shape(2, 10));
            assertThatThrownBy(() -> c.logits(m.zeros(new Shape(3, 1, 28, 28))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "TorchScript batch_of_two.pt fails on images of shape [N, 1, 28, 28] with N = 3")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThatThrownBy(() -> c.inputGradient(
                            m.zeros(new Shape(3, 1, 28, 28)),
                            m.zeros(new Shape(3), ai.djl.ndarray.types.DataType.INT64),
                            InputLoss.MARGIN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("with N = 3");
        }
    }

    /**
     * band_logits.pt scores class k by the mean of the k-th band of 78 pixels; huge_band_logits.pt
     * multiplies those logits by 1e30 (both made without PyTorch: flat_logits.pt with its forward
     * rewritten). Same predictions and margins up to that factor, so PGD-L2 must leave the same
     * robust accuracy; while the float32 L2 norm of the input gradients overflowed, the huge one
     * kept every image (robust = clean).
     */
    @Test
    void pgdL2OnATorchScriptModelWithHugeLogitsLeavesWhatItLeavesUnscaled(@TempDir Path tmp) throws Exception {
        Shape mnist = new Shape(1, 28, 28);
        ImageSet test =
                new DataLocator((Path) null).load(DatasetName.MNIST, Split.TEST).first(100);
        AttackPlan plan =
                AttackPlan.of(PgdSpec.l2(1).steps(5).losses(AttackLoss.MARGIN).build());
        double[][] results = new double[2][];
        String[] files = {"band_logits.pt", "huge_band_logits.pt"};
        for (int f = 0; f < 2; f++) {
            try (TorchScriptClassifier c = TorchScriptClassifier.load(fixture(tmp, files[f]), 10, mnist, 100);
                    NDManager m = NDManager.newBaseManager()) {
                RobustnessEvaluation evaluation =
                        new RobustnessEvaluation(c, test.images(m), test.labelArray(m), 100, 1);
                results[f] = new double[] {
                    evaluation.cleanAccuracy(),
                    evaluation.run(plan).rows().get(0).robustAccuracy()
                };
            }
        }
        assertThat(results[0][1]).as("the attack breaks some images").isLessThan(results[0][0]);
        assertThat(results[1]).containsExactly(results[0]);
    }

    private Path fixture(Path tmp, String name) throws Exception {
        Path file = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(DIR + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** d/dx of Σ_n CE(twin(x)_n, y_n), one pixel at a time, against the module's gradient. */
    private static void assertGradientIsFiniteDifferences(float[] gradient, Twin twin, double[] images, long[] y) {
        double h = 1e-6;
        double scale = 0;
        for (float v : gradient) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(scale).isGreaterThan(1e-3);
        for (int n = 0; n < 6; n++) {
            double[] one = java.util.Arrays.copyOfRange(images, n * 784, (n + 1) * 784);
            for (int i = 0; i < 784; i++) {
                double saved = one[i];
                one[i] = saved + h;
                double up = twin.crossEntropy(one, y[n]);
                one[i] = saved - h;
                double down = twin.crossEntropy(one, y[n]);
                one[i] = saved;
                assertThat((double) gradient[n * 784 + i])
                        .as("image %d pixel %d", n, i)
                        .isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-4 * scale));
            }
        }
    }

    /**
     * conv(1→4, 3×3, stride 2, pad 1) → BatchNorm → ReLU → 2×2 average pool → linear(196→10), in
     * double arithmetic, with the module's parameters and the running statistics that
     * make_tiny_bn.py sets (TorchScript keeps them as buffers, not parameters).
     */
    private static final class Twin {
        private static final double[] RUNNING_MEAN = {0.3, -0.2, 0.1, 0.5};
        private static final double[] RUNNING_VAR = {2.0, 0.5, 1.5, 0.8};
        private static final double BN_EPS = 1e-5;
        private final java.util.Map<String, double[]> p = new java.util.HashMap<>();

        Twin(PtSymbolBlock block) {
            for (var pair : block.getParameters()) {
                p.put(pair.getKey(), doubles(pair.getValue().getArray().toFloatArray()));
            }
            assertThat(p.keySet())
                    .containsExactlyInAnyOrder(
                            "conv.weight", "conv.bias", "bn.weight", "bn.bias", "fc.weight", "fc.bias");
        }

        /** @return [N·10] logits of N flattened 28×28 images; batch statistics when training */
        double[] logits(double[] images, boolean training) {
            int n = images.length / 784;
            double[][] conv = new double[n][];
            for (int b = 0; b < n; b++) {
                conv[b] = conv(java.util.Arrays.copyOfRange(images, b * 784, (b + 1) * 784));
            }
            double[] mean = RUNNING_MEAN.clone();
            double[] var = RUNNING_VAR.clone();
            if (training) { // per channel over batch and positions, biased variance
                for (int c = 0; c < 4; c++) {
                    double sum = 0;
                    double squares = 0;
                    for (double[] h : conv) {
                        for (int i = c * 196; i < (c + 1) * 196; i++) {
                            sum += h[i];
                            squares += h[i] * h[i];
                        }
                    }
                    mean[c] = sum / (n * 196);
                    var[c] = squares / (n * 196) - mean[c] * mean[c];
                }
            }
            double[] z = new double[n * 10];
            for (int b = 0; b < n; b++) {
                System.arraycopy(head(conv[b], mean, var), 0, z, b * 10, 10);
            }
            return z;
        }

        /** @return eval-mode cross-entropy of one flattened image */
        double crossEntropy(double[] image, long label) {
            double[] z = head(conv(image), RUNNING_MEAN, RUNNING_VAR);
            double max = java.util.Arrays.stream(z).max().orElseThrow();
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            return max + Math.log(sum) - z[(int) label];
        }

        private double[] conv(double[] x) {
            double[] w = p.get("conv.weight");
            double[] bias = p.get("conv.bias");
            double[] h = new double[4 * 14 * 14];
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < 14; i++) {
                    for (int j = 0; j < 14; j++) {
                        double s = bias[c];
                        for (int a = 0; a < 3; a++) {
                            for (int b = 0; b < 3; b++) {
                                int r = 2 * i - 1 + a;
                                int q = 2 * j - 1 + b;
                                if (r >= 0 && r < 28 && q >= 0 && q < 28) {
                                    s += w[c * 9 + a * 3 + b] * x[r * 28 + q];
                                }
                            }
                        }
                        h[c * 196 + i * 14 + j] = s;
                    }
                }
            }
            return h;
        }

        private double[] head(double[] h, double[] mean, double[] var) {
            double[] gamma = p.get("bn.weight");
            double[] beta = p.get("bn.bias");
            double[] pooled = new double[196];
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < 7; i++) {
                    for (int j = 0; j < 7; j++) {
                        double s = 0;
                        for (int a = 0; a < 2; a++) {
                            for (int b = 0; b < 2; b++) {
                                double v = h[c * 196 + (2 * i + a) * 14 + 2 * j + b];
                                v = (v - mean[c]) / Math.sqrt(var[c] + BN_EPS) * gamma[c] + beta[c];
                                s += Math.max(0, v);
                            }
                        }
                        pooled[c * 49 + i * 7 + j] = s / 4;
                    }
                }
            }
            double[] w = p.get("fc.weight");
            double[] bias = p.get("fc.bias");
            double[] z = new double[10];
            for (int k = 0; k < 10; k++) {
                z[k] = bias[k];
                for (int i = 0; i < 196; i++) {
                    z[k] += w[k * 196 + i] * pooled[i];
                }
            }
            return z;
        }
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i])
                    .as("element %d", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
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
