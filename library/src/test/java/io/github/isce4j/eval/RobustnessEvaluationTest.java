package io.github.isce4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import io.github.isce4j.attack.Attack;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackResult;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.DeepFoolSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.Scalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers for the bookkeeping of an evaluation: scripted attacks whose per-image outcomes
 * are fixed by the test, so every robust accuracy, success rate and median below is counted by
 * hand from the script, not recomputed the way the code does it.
 *
 * <p>Ten one-pixel images, image i has pixel i/10; the scripted classifier predicts i mod 3. The
 * labels agree except for images 8 and 9, so clean accuracy is 8/10 and only images 0-7 can be
 * fooled. Batches of 4 check that outcomes land at the right global index.
 */
class RobustnessEvaluationTest {

    private static final int N = 10;
    private static final int K = 3;
    private static final long[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1, 0, 1};

    private static final PgdSpec WORST_CASE =
            PgdSpec.l2(1.0).losses(AttackLoss.CE, AttackLoss.MARGIN).build();
    private static final AttackSpec CE = WORST_CASE.parts().get(0);
    private static final AttackSpec MARGIN = WORST_CASE.parts().get(1);
    private static final DeepFoolSpec MINIMAL = new DeepFoolSpec();
    private static final PgdSpec TARGETED = PgdSpec.l2(1.0)
            .target(TargetChoice.LEAST_LIKELY)
            .losses(AttackLoss.CE)
            .build();

    /** Per part: which images it fools, and the L2 size of image i's perturbation. */
    private static final Map<AttackSpec, Attack> SCRIPT = Map.of(
            CE, new Scripted(Map.of(0, 1, 1, 1, 5, 1), i -> 0.2f * (i + 1), false),
            MARGIN, new Scripted(Map.of(1, 1, 2, 1, 8, 1), i -> 0.2f * (i + 1), false),
            MINIMAL,
                    new Scripted(
                            Map.of(0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 1, 8, 1, 9, 1),
                            i -> 0.1f * (i + 1),
                            false),
            TARGETED, new Scripted(Map.of(0, 2, 1, 2, 2, 2, 3, 2, 4, 1), i -> 0.5f, true));

    @TempDir
    Path tmp;

    private NDManager manager;
    private RobustnessEvaluation evaluation;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        float[] pixels = new float[N];
        for (int i = 0; i < N; i++) {
            pixels[i] = i / 10f;
        }
        NDArray images = manager.create(pixels, new Shape(N, 1, 1, 1));
        evaluation =
                new RobustnessEvaluation(new ScriptedClassifier(), images, manager.create(LABELS), 4, 7, SCRIPT::get);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void cleanAccuracyCountsTheLabelsTheClassifierGetsRight() {
        assertThat(evaluation.cleanAccuracy()).isEqualTo(0.8);
    }

    @Test
    void anImageIsRobustOnlyIfItSurvivesEveryLossAndWasRightToBeginWith() {
        AttackRow row = evaluation.run(AttackPlan.of(WORST_CASE)).row(WORST_CASE);
        // ce fools 0, 1 and 5; margin fools 1, 2 and the clean-wrong 8. Correct and never fooled: 3, 4, 6, 7.
        assertThat(row.robustAccuracy()).isEqualTo(0.4);
        assertThat(row.aloneAccuracy(CE)).isEqualTo(0.5); // 2, 3, 4, 6, 7
        assertThat(row.aloneAccuracy(MARGIN)).isEqualTo(0.6); // 0, 3, 4, 5, 6, 7
        assertThat(row.successRate()).isEqualTo(4 / 8.0); // 0, 1, 2, 5 of the 8 correct
        // each fooled image counts once, with the size of the first part that fooled it: 0.2, 0.4, 1.2 (ce), 0.6
        // (margin)
        assertThat(row.medianL2()).isCloseTo(0.5, within(1e-6));
        assertThat(row.targetSuccessRate()).isNaN();
        assertThat(row.meanQueries()).as("white-box").isNaN();
        assertThat(row.cleanAccuracy()).isEqualTo(0.8);
        assertThat(row.eps()).isEqualTo(1.0);
        assertThat(row.protocol()).isEqualTo(WORST_CASE.protocol());
        assertThat(row.robustImages()).isEqualTo("0001101100");
    }

    /**
     * Per-image outcomes (clean once, robust per row) go through results.json and back; a file written
     * before they were recorded still reads, with none.
     */
    @Test
    void perImageOutcomesRoundTripAndOldFilesReadWithout() throws Exception {
        RobustnessResult result =
                evaluation.run(AttackPlan.of(WORST_CASE), AttackPlan.judgedAt(MINIMAL, List.of(0.5, 1.0), Norm.L2));
        assertThat(result.cleanImages()).isEqualTo("1111111100");
        result.save(tmp);
        String json = Files.readString(tmp.resolve("results.json"));
        assertThat(json).contains("\"clean_images\": \"1111111100\"", "\"robustImages\": \"0001101100\"");
        RobustnessResult back = RobustnessResult.read(tmp);
        assertThat(back.cleanOutcomes()).containsExactly(true, true, true, true, true, true, true, true, false, false);
        assertThat(back.row(WORST_CASE).robustOutcomes())
                .containsExactly(false, false, false, true, true, false, true, true, false, false);
        assertThat(back.row(MINIMAL, 0.5).robustOutcomes()).hasSize(N);

        JsonObject older = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        older.remove("clean_images");
        older.getAsJsonArray("rows").forEach(r -> r.getAsJsonObject().remove("robustImages"));
        Files.writeString(tmp.resolve("results.json"), older.toString());
        RobustnessResult old = RobustnessResult.read(tmp);
        assertThat(old.cleanOutcomes()).isNull();
        assertThat(old.row(WORST_CASE).robustOutcomes()).isNull();
        assertThat(old.row(WORST_CASE).robustAccuracy()).isEqualTo(0.4);

        Files.writeString(tmp.resolve("results.json"), json.replace("\"1111111100\"", "\"111111110\""));
        assertThatThrownBy(() -> RobustnessResult.read(tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void survivorsOnlyGivesTheSameWorstCaseWhileSparingTheImagesAlreadyLost() {
        List<Set<Integer>> seen = new ArrayList<>();
        Function<AttackSpec, Attack> script = spec -> {
            Set<Integer> images = new TreeSet<>();
            seen.add(images);
            return new Recording(SCRIPT.get(spec), images);
        };
        float[] pixels = new float[N];
        for (int i = 0; i < N; i++) {
            pixels[i] = i / 10f;
        }
        RobustnessEvaluation survivors = new RobustnessEvaluation(
                        new ScriptedClassifier(),
                        manager.create(pixels, new Shape(N, 1, 1, 1)),
                        manager.create(LABELS),
                        4,
                        7,
                        script)
                .survivorsOnly(true);
        AttackRow row = survivors.run(AttackPlan.of(WORST_CASE)).row(WORST_CASE);
        assertThat(row.robustAccuracy())
                .isEqualTo(evaluation
                        .run(AttackPlan.of(WORST_CASE))
                        .row(WORST_CASE)
                        .robustAccuracy())
                .isEqualTo(0.4);
        assertThat(seen.get(0)).as("ce sees the correctly classified images").containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(seen.get(1)).as("margin sees what ce left").containsExactly(2, 3, 4, 6, 7);
        assertThat(row.aloneAccuracy(MARGIN)).isNaN();
    }

    @Test
    void minimalPerturbationsAreJudgedAtEachBudget() {
        RobustnessResult result = evaluation.run(AttackPlan.judgedAt(MINIMAL, List.of(0.5, 1.0), Norm.L2));
        assertThat(result.rows()).hasSize(3);
        // image i needs 0.1·(i+1): within 0.5 for i <= 4, so 5, 6, 7 stay robust
        assertThat(result.row(MINIMAL, 0.5).robustAccuracy()).isEqualTo(0.3);
        assertThat(result.row(MINIMAL, 0.5).attack()).isEqualTo("deepfool overshoot=0.02, L2 <= 0.5");
        assertThat(result.row(MINIMAL, 1.0).robustAccuracy()).isEqualTo(0.0);
        assertThat(result.row(MINIMAL, Double.POSITIVE_INFINITY).robustAccuracy())
                .isEqualTo(0.0);
        assertThat(result.row(MINIMAL, 0.5).successRate()).isEqualTo(5 / 8.0);
        assertThatThrownBy(() -> result.row(MINIMAL, 0.7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no row for deepfool");
    }

    @Test
    void targetedRowsCountTargetHitsApartFromMisclassifications() {
        AttackRow row = evaluation.run(AttackPlan.of(TARGETED)).row(TARGETED);
        assertThat(row.robustAccuracy()).isEqualTo(0.3); // 5, 6, 7
        assertThat(row.successRate()).isEqualTo(5 / 8.0); // 0-4 misclassified
        assertThat(row.targetSuccessRate()).isEqualTo(4 / 8.0); // 0-3 at the target (label + 2)
    }

    @Test
    void resultsJsonReadsBackToTheSameRowsAndSpecs() throws Exception {
        RobustnessResult result = evaluation.run(
                AttackPlan.of(WORST_CASE),
                AttackPlan.judgedAt(MINIMAL, List.of(0.5, 1.0), Norm.L2),
                AttackPlan.of(TARGETED));
        JsonObject provenance = new JsonObject();
        provenance.addProperty("seed", 7);
        AttackReport report = AttackReport.builder(result)
                .optModel("scripted")
                .optDataset("none")
                .optImagesNote("ten images")
                .optSeed(7)
                .optProvenance(provenance)
                .build();
        report.write(tmp);
        AttackReport back = AttackReport.read(tmp.resolve("results.json"));
        assertThat(back).isEqualTo(report);
        assertThat(back.row(MINIMAL, 0.5).robustAccuracy()).isEqualTo(0.3);
        assertThat(back.row(WORST_CASE).spec()).isInstanceOf(PgdSpec.class).isEqualTo(WORST_CASE);
    }

    /** A Java user saves and reads a result through the eval API alone, with no provenance to build. */
    @Test
    void aResultSavedWithItsOwnMethodReadsBackEqual() throws Exception {
        RobustnessResult result = evaluation.run(
                AttackPlan.of(WORST_CASE),
                AttackPlan.judgedAt(MINIMAL, List.of(0.5, 1.0), Norm.L2),
                AttackPlan.of(TARGETED));
        result.save(tmp);
        assertThat(RobustnessResult.read(tmp)).isEqualTo(result);
        assertThat(tmp.resolve("results.csv")).exists();
        assertThat(Files.readString(tmp.resolve("results.md")))
                .startsWith("classifier on unknown, 10 test images, seed 0: " + "clean accuracy 80.00 %");
        assertThat(ImageIO.read(tmp.resolve("results.png").toFile()).getWidth()).isEqualTo(900);
        JsonObject provenance = AttackReport.readFolder(tmp).provenance();
        assertThat(provenance.has("isce4j") && provenance.has("created"))
                .as(provenance.toString())
                .isTrue();

        Path named = tmp.resolve("named");
        AttackReport.builder(result)
                .optModel("scripted")
                .optDataset("none")
                .optSeed(7)
                .build()
                .save(named);
        AttackReport back = AttackReport.readFolder(named);
        assertThat(back.result()).isEqualTo(result);
        assertThat(back.markdown()).startsWith("scripted on none, 10 test images, seed 7: clean accuracy 80.00 %");
    }

    @Test
    void aRowOrAReportMissingARequiredValueSaysWhichCallIsMissing() {
        assertThatThrownBy(() -> AttackRow.builder().setSpec(CE).setImages(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an attack row needs setEps before build()");
        assertThatThrownBy(() -> AttackRow.PartAccuracy.builder(CE)
                        .setRobustAccuracy(0.5)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a part's record needs setAfterAccuracy before build()");
        RobustnessResult empty = new RobustnessResult(0, 1, List.of());
        assertThatThrownBy(() -> AttackReport.builder(empty).optModel(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a report needs a non-blank text in optModel");
    }

    @Test
    void aCascadeAttacksOnlyTheSurvivorsAndRecordsTheAccuracyAfterEachStage() throws Exception {
        AutoAttackSpec autoAttack = AutoAttackSpec.standard(Norm.LINF, 0.1);
        List<AttackSpec> stages = autoAttack.stages();
        // stage 0 fools 0, 1 and the clean-wrong 8; stage 1 would fool 1, 2 and 3 but never sees 1, and
        // its point for 3 lies outside the L∞ ball of 0.1 (a minimal-perturbation stage's answer);
        // later stages (FAB-T, Square) fool 7
        List<Set<Integer>> seen = new ArrayList<>();
        Function<AttackSpec, Attack> script = spec -> {
            int stage = stages.indexOf(spec);
            Map<Integer, Integer> fooled =
                    stage == 0 ? Map.of(0, 1, 1, 1, 8, 1) : stage == 1 ? Map.of(1, 1, 2, 1, 3, 1) : Map.of(7, 1);
            Set<Integer> images = new TreeSet<>();
            seen.add(images);
            return new Recording(new Scripted(fooled, i -> stage == 1 && i == 3 ? 0.5f : 0.05f, false), images);
        };
        float[] pixels = new float[N];
        for (int i = 0; i < N; i++) {
            pixels[i] = i / 10f;
        }
        RobustnessEvaluation cascade = new RobustnessEvaluation(
                new ScriptedClassifier(),
                manager.create(pixels, new Shape(N, 1, 1, 1)),
                manager.create(LABELS),
                4,
                7,
                script);
        AttackRow row = cascade.run(AttackPlan.of(autoAttack)).row(autoAttack);

        assertThat(seen.get(0))
                .as("the first stage sees the correctly classified images")
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(seen.get(1)).as("the second only what the first left robust").containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(row.parts()).hasSize(stages.size());
        AttackRow.PartAccuracy first = row.parts().get(0);
        AttackRow.PartAccuracy second = row.parts().get(1);
        assertThat(first.afterAccuracy()).isEqualTo(0.6); // 2-7
        assertThat(first.robustAccuracy()).isEqualTo(0.6); // alone, the same for the first stage
        assertThat(first.broke()).containsExactly(0, 1);
        assertThat(second.afterAccuracy()).isEqualTo(0.5); // 3-7
        assertThat(second.robustAccuracy())
                .as("not known: it saw only survivors")
                .isNaN();
        assertThat(second.broke()).containsExactly(2);
        if (stages.size() > 2) {
            assertThat(seen.get(2)).as("3 was not broken inside the ball").containsExactly(3, 4, 5, 6, 7);
        }
        double expected = stages.size() > 2 ? 0.4 : 0.5; // FAB-T / Square, once wired in, break 7
        assertThat(row.robustAccuracy()).isEqualTo(expected);
        assertThat(row.parts().get(row.parts().size() - 1).afterAccuracy()).isEqualTo(expected);
        assertThat(row.parts())
                .allSatisfy(p -> assertThat(p.seconds())
                        .as("each stage timed")
                        .isFinite()
                        .isNotNegative());
        assertThat(AttackReport.byPart(row))
                .matches(" \\(after: apgd-ce 60\\.00 % \\[2 broken, \\d+ s\\], "
                        + "apgd-t 50\\.00 % \\[1 broken, \\d+ s\\].*");

        AttackReport report = AttackReport.builder(new RobustnessResult(N, 0.8, List.of(row)))
                .optModel("scripted")
                .optDataset("none")
                .optImagesNote("ten images")
                .optSeed(7)
                .optProvenance(new JsonObject())
                .build();
        report.write(tmp);
        AttackReport back = AttackReport.read(tmp.resolve("results.json"));
        assertThat(back.row(autoAttack).spec()).isEqualTo(autoAttack);
        assertThat(back.row(autoAttack).parts().get(1).broke()).containsExactly(2);
    }

    /** Records the images (by index) an attack was run on. */
    private record Recording(Attack inner, Set<Integer> images) implements Attack {
        @Override
        public AttackResult run(Classifier classifier, NDArray x, NDArray labels, Random random) {
            for (float p : x.toFloatArray()) {
                images.add(Math.round(p * 10));
            }
            return inner.run(classifier, x, labels, random);
        }
    }

    /** Fools the listed images: index → offset added to the label (targeted: the target is label + 2). */
    private record Scripted(Map<Integer, Integer> fooled, Function<Integer, Float> size, boolean targeted)
            implements Attack {

        @Override
        public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
            float[] pixels = images.toFloatArray();
            long[] y = labels.toLongArray();
            int n = pixels.length;
            long[] predictions = new long[n];
            long[] targets = targeted ? new long[n] : null;
            boolean[] success = new boolean[n];
            float[] l2 = new float[n];
            for (int b = 0; b < n; b++) {
                int i = Math.round(pixels[b] * 10);
                int offset = fooled.getOrDefault(i, 0);
                long clean = i % K;
                predictions[b] = offset == 0 ? clean : (y[b] + offset) % K;
                if (targeted) {
                    targets[b] = (y[b] + 2) % K;
                }
                success[b] = targeted ? predictions[b] == targets[b] : predictions[b] != y[b];
                l2[b] = size.apply(i);
            }
            return new AttackResult(images.duplicate(), predictions, targets, success, l2, l2.clone(), new int[n]);
        }
    }

    /** Predicts class i mod 3 for the image whose pixel is i/10. */
    private static final class ScriptedClassifier implements Classifier {
        @Override
        public int numClasses() {
            return K;
        }

        @Override
        public String description() {
            return "scripted";
        }

        @Override
        public DecisionRule decisionRule() {
            return DecisionRule.SOFTMAX;
        }

        @Override
        public NDArray logits(NDArray images) {
            NDArray index =
                    images.reshape(-1).mul(Scalar.of(images, 10)).round().toType(DataType.INT64, false);
            return index.mod(Scalar.of(index, K)).oneHot(K).toType(DataType.FLOAT32, false);
        }

        @Override
        public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
            throw new UnsupportedOperationException("scripted attacks need no gradients");
        }

        @Override
        public void close() {}
    }
}
