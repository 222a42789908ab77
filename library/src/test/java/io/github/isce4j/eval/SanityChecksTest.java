package io.github.isce4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import io.github.isce4j.eval.SanityCheck.Verdict;
import io.github.isce4j.eval.SanityChecks.Determinism;
import io.github.isce4j.eval.SanityChecks.GradientStatistics;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.model.Scalar;
import io.github.isce4j.train.QuickLeNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/method.md §7's checks: each verdict on numbers with a known answer, then whole runs on a trained
 * LeNet-5, on the same network with its softmax saturated (masked CE gradients) and on a model
 * whose predictions are random.
 */
class SanityChecksTest {

    private static final double[] EPS = {0.5, 1, 2};

    @TempDir
    static Path tmp;

    private static NetworkClassifier lenet;
    private static NDManager manager;
    private static NDArray images;
    private static NDArray labels;

    @BeforeAll
    static void train() throws Exception {
        lenet = QuickLeNet.train(tmp.resolve("run"), 12_000);
        manager = NDManager.newBaseManager();
        ImageSet test =
                new DataLocator((Path) null).load(DatasetName.MNIST, Split.TEST).first(100);
        images = test.images(manager);
        labels = test.labelArray(manager);
    }

    @AfterAll
    static void close() {
        lenet.close();
        manager.close();
    }

    @Test
    void aTrainedLeNetPassesEveryCheck() throws Exception {
        SanityChecks.Outcome outcome = run(lenet, Norm.L2, EPS);
        assertThat(outcome.checks()).extracting(SanityCheck::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(verdicts(outcome)).as(outcome.checks().toString()).containsOnlyKeys(Verdict.OK);
        assertThat(outcome.attacks().rows()).hasSize(4 * EPS.length + 4 + EPS.length + 1);

        SanityReport report = SanityReport.of(
                AttackReport.builder(outcome.attacks())
                        .optModel("lenet")
                        .optDataset("mnist")
                        .optImagesNote("the first 100 test images")
                        .optProvenance(new JsonObject())
                        .build(),
                outcome);
        Path dir = tmp.resolve("sanity");
        report.write(dir);
        assertThat(report.brief()).isEqualTo("9 of 9 ok");
        assertThat(Files.readString(dir.resolve("sanity.md")))
                .contains(
                        "| 8 | predictions are deterministic",
                        "| 9 | AutoAttack's robust accuracy",
                        "9 of 9 checks ok, 0 warnings, 0 failed");
        assertThat(Files.readString(dir.resolve("sanity.json")))
                .contains("\"format\": \"isce4j-sanity/1\"", "\"verdict\": \"OK\"");
        assertThat(ImageIO.read(dir.resolve("sanity.png").toFile()).getWidth()).isEqualTo(900);
        assertThat(dir.resolve("results.json")).exists();
    }

    @Test
    void theLinfChecksPassToo() {
        SanityChecks.Outcome outcome = run(lenet, Norm.LINF, new double[] {0.05, 0.1, 0.2});
        assertThat(verdicts(outcome)).as(outcome.checks().toString()).containsOnlyKeys(Verdict.OK);
        List<AttackRow> rows = outcome.attacks().rows();
        assertThat(rows.get(rows.size() - 2).attack()).endsWith(", L∞ <= 0.2");
    }

    @Test
    void saturatingTheSoftmaxIsFlaggedAsMaskedCrossEntropy() {
        // Logits times 1000: the same decisions, but the deployed softmax is exactly one-hot in float32.
        SanityChecks.Outcome outcome = run(new Scaled(lenet, 1000), Norm.L2, EPS);
        Map<Verdict, List<Integer>> v = verdicts(outcome);
        assertThat(v.get(Verdict.WARNING)).as(outcome.checks().toString()).containsExactly(6, 7);
        assertThat(v).doesNotContainKey(Verdict.FAILED);
        assertThat(outcome.checks().get(6).measured()).contains("saturates");
    }

    @Test
    void randomPredictionsFailTheDeterminismCheck() {
        Determinism d = new SanityChecks(new Noisy(lenet), images, labels, 100, 0).determinism();
        assertThat(d.images()).isEqualTo(SanityChecks.DETERMINISM_IMAGES);
        assertThat(d.repeated() + d.alone() + d.reversed()).isPositive();
        assertThat(SanityChecks.deterministic(d).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(new SanityChecks(lenet, images, labels, 100, 0).determinism())
                .isEqualTo(new Determinism(SanityChecks.DETERMINISM_IMAGES, 0, 0, 0));
    }

    @Test
    void verdictsOnKnownNumbers() {
        assertThat(SanityChecks.reachesZero(10, 0.01).verdict()).isEqualTo(Verdict.OK);
        assertThat(SanityChecks.reachesZero(10, 0.03).verdict()).isEqualTo(Verdict.FAILED);

        double[] falling = {0.8, 0.3, 0.0};
        assertThat(SanityChecks.nonIncreasing(EPS, new double[] {0.85, 0.35, 0.01}, falling, 1, 0.3, 0.29)
                        .verdict())
                .isEqualTo(Verdict.OK);
        assertThat(SanityChecks.nonIncreasing(
                                EPS, new double[] {0.85, 0.35, 0.01}, new double[] {0.8, 0.3, 0.05}, 1, 0.3, 0.29)
                        .verdict())
                .as("more steps, higher accuracy")
                .isEqualTo(Verdict.FAILED);
        assertThat(SanityChecks.nonIncreasing(
                                EPS, new double[] {0.85, 0.35, 0.4}, new double[] {0.8, 0.3, 0.3}, 1, 0.3, 0.29)
                        .verdict())
                .as("larger eps, higher accuracy")
                .isEqualTo(Verdict.FAILED);
        assertThat(SanityChecks.nonIncreasing(EPS, falling, falling, 1, 0.3, 0.35)
                        .verdict())
                .as("more restarts, higher accuracy")
                .isEqualTo(Verdict.FAILED);

        assertThat(SanityChecks.nonIncreasing(
                                EPS, new double[] {0.85, 0.35, 0.05}, new double[] {0.8, 0.03, 0.04}, 1, 0.3, 0.29)
                        .verdict())
                .as("a rise of one point (3 % to 4 %, 0.04 - 0.03 > 0.01 in double) is within the tolerance")
                .isEqualTo(Verdict.OK);
        assertThat(SanityChecks.singleStepNeverWins(EPS, new double[] {0.9, 0.29, 0.1}, falling)
                        .verdict())
                .as("FGSM one point below PGD")
                .isEqualTo(Verdict.OK);

        assertThat(SanityChecks.singleStepNeverWins(EPS, new double[] {0.9, 0.5, 0.1}, falling)
                        .verdict())
                .isEqualTo(Verdict.OK);
        assertThat(SanityChecks.singleStepNeverWins(EPS, new double[] {0.9, 0.25, 0.1}, falling)
                        .verdict())
                .isEqualTo(Verdict.FAILED);

        assertThat(SanityChecks.whiteBoxBeatsBlackBox(EPS, falling, new double[] {0.95, 0.8, 0.4}, 300)
                        .verdict())
                .isEqualTo(Verdict.OK);
        assertThat(SanityChecks.whiteBoxBeatsBlackBox(EPS, falling, new double[] {0.95, 0.2, 0.4}, 300)
                        .verdict())
                .isEqualTo(Verdict.FAILED);

        assertThat(SanityChecks.noiseIsWeaker(EPS, 0.99, new double[] {0.99, 0.97, 0.9}, falling)
                        .verdict())
                .isEqualTo(Verdict.OK);
        assertThat(SanityChecks.noiseIsWeaker(EPS, 0.99, new double[] {0.99, 0.5, 0.9}, falling)
                        .verdict())
                .as("noise removes 49 of the attack's 69 points")
                .isEqualTo(Verdict.FAILED);
        assertThat(SanityChecks.noiseIsWeaker(
                                EPS, 0.99, new double[] {0.99, 0.99, 0.99}, new double[] {0.99, 0.98, 0.97})
                        .verdict())
                .as("nothing to compare with")
                .isEqualTo(Verdict.WARNING);

        assertThat(SanityChecks.logitLossesAgree(EPS, falling, new double[] {0.79, 0.28, 0}, falling, 1, 0.27)
                        .verdict())
                .isEqualTo(Verdict.OK);
        assertThat(SanityChecks.logitLossesAgree(EPS, falling, falling, new double[] {0.7, 0.2, 0}, 1, 0.3)
                        .verdict())
                .as("DLR finds 10 points fewer")
                .isEqualTo(Verdict.WARNING);
        SanityCheck apgdT = SanityChecks.logitLossesAgree(EPS, falling, falling, falling, 1, 0.22);
        assertThat(apgdT.verdict()).as("APGD-T finds 8 points fewer").isEqualTo(Verdict.WARNING);
        assertThat(apgdT.measured()).contains("at eps 1.0 APGD-CE then APGD-T (targeted DLR) 22.00 %", "+8.0 pts");

        assertThat(SanityChecks.autoAttackFindsLittleMore(1, 0.27, 0.3).verdict())
                .as("3 points below PGD")
                .isEqualTo(Verdict.OK);
        SanityCheck overstated = SanityChecks.autoAttackFindsLittleMore(1, 0.1, 0.3);
        assertThat(overstated.verdict()).as("20 points below PGD").isEqualTo(Verdict.WARNING);
        assertThat(overstated.measured())
                .contains("at eps 1.0: AutoAttack 10.00 %", "overstated robustness by +20.0 pts");

        assertThat(SanityChecks.gradientsLookHealthy(new GradientStatistics(100, 0, 10, 0))
                        .verdict())
                .isEqualTo(Verdict.OK);
        assertThat(SanityChecks.gradientsLookHealthy(new GradientStatistics(100, 0, 60, 0))
                        .verdict())
                .isEqualTo(Verdict.WARNING);
        assertThat(SanityChecks.gradientsLookHealthy(new GradientStatistics(100, 1, 0, 0))
                        .verdict())
                .isEqualTo(Verdict.FAILED);
        assertThat(SanityChecks.gradientsLookHealthy(new GradientStatistics(100, 0, 60, 60))
                        .verdict())
                .isEqualTo(Verdict.FAILED);
    }

    private static SanityChecks.Outcome run(Classifier classifier, Norm norm, double[] radii) {
        List<Double> eps = java.util.Arrays.stream(radii).boxed().collect(Collectors.toList());
        return new SanityChecks(classifier, images, labels, 100, 0).run(norm, eps, 100);
    }

    private static Map<Verdict, List<Integer>> verdicts(SanityChecks.Outcome outcome) {
        return outcome.checks().stream()
                .collect(Collectors.groupingBy(
                        SanityCheck::verdict, Collectors.mapping(SanityCheck::number, Collectors.toList())));
    }

    /** Another classifier's logits times a constant. */
    private static final class Scaled implements Classifier {
        private final Classifier inner;
        private final float factor;

        Scaled(Classifier inner, float factor) {
            this.inner = inner;
            this.factor = factor;
        }

        @Override
        public int numClasses() {
            return inner.numClasses();
        }

        @Override
        public String description() {
            return inner.description() + " x " + factor;
        }

        @Override
        public DecisionRule decisionRule() {
            return DecisionRule.SOFTMAX;
        }

        @Override
        public NDArray logits(NDArray x) {
            return inner.logits(x).mul(Scalar.of(x, factor));
        }

        @Override
        public InputGradients inputGradients(NDArray x, Function<NDArray, NDList> objectives) {
            InputGradients g = inner.inputGradients(x, z -> objectives.apply(z.mul(Scalar.of(z, factor))));
            return new InputGradients(g.logits().mul(Scalar.of(x, factor)), g.values(), g.gradients());
        }

        @Override
        public void close() {}
    }

    /** Another classifier's logits plus fresh noise on every call: a randomized model. */
    private static final class Noisy implements Classifier {
        private final Classifier inner;
        private final Random random = new Random(5);

        Noisy(Classifier inner) {
            this.inner = inner;
        }

        @Override
        public int numClasses() {
            return inner.numClasses();
        }

        @Override
        public String description() {
            return "noisy " + inner.description();
        }

        @Override
        public DecisionRule decisionRule() {
            return DecisionRule.SOFTMAX;
        }

        @Override
        public NDArray logits(NDArray x) {
            NDArray z = inner.logits(x);
            float[] noise = new float[(int) z.size()];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (20 * random.nextGaussian());
            }
            return z.add(z.getManager().create(noise, z.getShape()));
        }

        @Override
        public InputGradients inputGradients(NDArray x, Function<NDArray, NDList> objectives) {
            return inner.inputGradients(x, objectives);
        }

        @Override
        public void close() {}
    }
}
