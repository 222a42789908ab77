package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Properties every attack keeps, over random affine models, images, radii and settings, judged
 * from the returned images alone in plain double arithmetic, not from the attack's own
 * bookkeeping: outputs in [0, 1] and inside the ε-ball, the caller's images untouched, targets
 * never the true label, and the reported norms, predictions and success equal those of an
 * independent forward pass W·x + b on the returned images.
 */
class AttackInvariantsTest {

    private static final NDManager MANAGER = NDManager.newBaseManager();
    private static final int K = 4;
    private static final Shape SHAPE = new Shape(6, 1, 5, 5);

    @AfterContainer
    static void close() {
        MANAGER.close();
    }

    @Property(tries = 40)
    void pgdStaysInTheBoxAndTheBallAndLeavesItsInputAlone(
            @ForAll("norms") Norm norm,
            @ForAll @DoubleRange(min = 0, max = 3) double eps,
            @ForAll @IntRange(min = 1, max = 6) int steps,
            @ForAll boolean randomStart,
            @ForAll @IntRange(min = 1, max = 2) int restarts,
            @ForAll("targets") TargetChoice target,
            @ForAll("losses") AttackLoss loss,
            @ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier model = randomModel(random);
                NDManager m = MANAGER.newSubManager()) {
            NDArray x = images(m, random);
            float[] before = x.toFloatArray();
            NDArray labels = m.create(randomLabels(random));
            double step = PgdSpec.defaultStepSize(eps, steps) * (0.5 + random.nextDouble());
            PgdSpec spec = PgdSpec.of(norm, eps)
                    .steps(steps)
                    .stepSize(step)
                    .randomStart(randomStart)
                    .restarts(restarts)
                    .target(target)
                    .losses(loss)
                    .build();
            AttackResult r = new ProjectedGradientDescent(spec).run(model, x, labels, random);
            assertThat(x.toFloatArray()).containsExactly(before);
            assertOutcome(r, model, before, labels.toLongArray(), labels.toLongArray(), target, norm, eps);
        }
    }

    @Property(tries = 15)
    void apgdStaysInTheBoxAndTheBallLeavesItsInputAloneAndRepeatsForASeed(
            @ForAll("norms") Norm norm,
            @ForAll @DoubleRange(min = 0, max = 3) double eps,
            @ForAll @IntRange(min = 1, max = 8) int iterations,
            @ForAll boolean dlr,
            @ForAll @IntRange(min = 0, max = 3) int targets,
            @ForAll @IntRange(min = 1, max = 2) int restarts,
            @ForAll @IntRange(min = 1, max = 2) int draws,
            @ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier model = randomModel(random);
                NDManager m = MANAGER.newSubManager()) {
            NDArray x = images(m, random);
            float[] before = x.toFloatArray();
            NDArray labels = m.create(randomLabels(random));
            ApgdSpec spec = ApgdSpec.of(norm, eps)
                    .iterations(iterations)
                    .loss(dlr ? AttackLoss.DLR : AttackLoss.CE)
                    .targets(targets)
                    .restarts(restarts)
                    .eotDraws(draws)
                    .build();
            AttackResult r = spec.attack().run(model, x, labels, new Random(seed));
            assertThat(x.toFloatArray()).containsExactly(before);
            long[] y = labels.toLongArray();
            assertOutcome(r, model, before, y, y, targets == 0 ? TargetChoice.NONE : TargetChoice.RANDOM, norm, eps);
            AttackResult again = spec.attack().run(model, x, labels, new Random(seed));
            assertThat(again.adversarial().toFloatArray())
                    .as("same seed, same images")
                    .containsExactly(r.adversarial().toFloatArray());
            assertThat(again.targets()).isEqualTo(r.targets());
        }
    }

    @Property(tries = 25)
    void fgsmAndThePaperProtocolStayInTheBox(
            @ForAll("norms") Norm norm,
            @ForAll @DoubleRange(min = 0, max = 2) double eps,
            @ForAll @IntRange(min = 1, max = 5) int steps,
            @ForAll("targets") TargetChoice target,
            @ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier model = randomModel(random);
                NDManager m = MANAGER.newSubManager()) {
            NDArray x = images(m, random);
            float[] before = x.toFloatArray();
            NDArray labels = m.create(randomLabels(random));
            long[] y = labels.toLongArray();
            assertOutcome(
                    new FastGradientSignMethod(new FgsmSpec(norm, eps, List.of(AttackLoss.CE)))
                            .run(model, x, labels, random),
                    model,
                    before,
                    y,
                    y,
                    TargetChoice.NONE,
                    norm,
                    eps);
            AttackResult paper =
                    new PaperProtocolAttack(new PaperProtocolSpec(eps, steps, target)).run(model, x, labels, random);
            // No projection: after n sign steps of eps/2 a pixel has moved at most n·eps/2.
            // The paper's script attacks the clean prediction, not the label.
            assertOutcome(paper, model, before, cleanPredictions(model, before), y, target, Norm.LINF, steps * eps / 2);
            assertThat(x.toFloatArray()).containsExactly(before);
        }
    }

    @Property(tries = 25)
    void deepFoolStaysInTheBoxAndReportsItsTrueNorms(@ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier model = randomModel(random);
                NDManager m = MANAGER.newSubManager()) {
            NDArray x = images(m, random);
            float[] before = x.toFloatArray();
            long[] y = randomLabels(random);
            AttackResult r = new DeepFool(new DeepFoolSpec()).run(model, x, m.create(y), random);
            assertThat(x.toFloatArray()).containsExactly(before);
            // DeepFool moves away from the clean prediction.
            assertOutcome(
                    r,
                    model,
                    before,
                    cleanPredictions(model, before),
                    null,
                    TargetChoice.NONE,
                    Norm.L2,
                    Double.POSITIVE_INFINITY);
        }
    }

    /**
     * Everything the result claims, recomputed from its adversarial images and the caller's clean
     * ones in double arithmetic: box, ball, reported norms, predictions and success (untargeted:
     * the prediction differs from {@code labels}, the labels the attack moved away from).
     */
    static void assertOutcome(
            AttackResult r,
            AffineClassifier model,
            float[] clean,
            long[] labels,
            long[] trueLabels,
            TargetChoice target,
            Norm norm,
            double eps) {
        float[] adv = r.adversarial().toFloatArray();
        int n = labels.length;
        int d = clean.length / n;
        assertThat(adv).hasSameSizeAs(clean);
        assertThat(r.size()).isEqualTo(n);
        if (target == TargetChoice.NONE) {
            assertThat(r.targets()).isNull();
        }
        for (int i = 0; i < n; i++) {
            double[] image = new double[d];
            double l2 = 0;
            double linf = 0;
            for (int j = 0; j < d; j++) {
                float v = adv[i * d + j];
                assertThat(v).as("pixel %d of image %d", j, i).isBetween(0f, 1f);
                image[j] = v;
                double delta = (double) v - clean[i * d + j];
                l2 += delta * delta;
                linf = Math.max(linf, Math.abs(delta));
            }
            l2 = Math.sqrt(l2);
            assertThat(norm == Norm.L2 ? l2 : linf)
                    .as("%s size of image %d", norm, i)
                    .isLessThanOrEqualTo(eps + 1e-5);
            assertThat((double) r.l2()[i]).as("reported L2 of image %d", i).isCloseTo(l2, within(1e-4));
            assertThat((double) r.linf()[i]).as("reported L-inf of image %d", i).isCloseTo(linf, within(1e-5));
            double[] z = model.exactLogits(image);
            int best = argmax(z);
            if (secondBestGap(z, best) > 1e-3) { // a float forward pass may break a near tie either way
                assertThat(r.predictions()[i]).as("prediction on image %d", i).isEqualTo(best);
            }
            if (target == TargetChoice.NONE) {
                assertThat(r.success()[i]).as("success on image %d", i).isEqualTo(r.predictions()[i] != labels[i]);
            } else {
                assertThat(r.targets()[i]).isNotEqualTo(trueLabels[i]).isBetween(0L, (long) K - 1);
                assertThat(r.success()[i]).as("success on image %d", i).isEqualTo(r.predictions()[i] == r.targets()[i]);
            }
        }
    }

    private static long[] cleanPredictions(AffineClassifier model, float[] clean) {
        int n = (int) SHAPE.get(0);
        int d = clean.length / n;
        long[] predictions = new long[n];
        for (int i = 0; i < n; i++) {
            double[] image = new double[d];
            for (int j = 0; j < d; j++) {
                image[j] = clean[i * d + j];
            }
            predictions[i] = argmax(model.exactLogits(image));
        }
        return predictions;
    }

    private static int argmax(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double secondBestGap(double[] z, int best) {
        double gap = Double.POSITIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            if (k != best) {
                gap = Math.min(gap, z[best] - z[k]);
            }
        }
        return gap;
    }

    static AffineClassifier randomModel(Random random) {
        int d = (int) (SHAPE.size() / SHAPE.get(0));
        double[][] w = new double[K][d];
        double[] b = new double[K];
        for (int k = 0; k < K; k++) {
            b[k] = random.nextGaussian();
            for (int i = 0; i < d; i++) {
                w[k][i] = random.nextGaussian();
            }
        }
        return new AffineClassifier(w, b);
    }

    /** Uniform pixels, a fifth of them exactly 0 or 1, so clipping is exercised. */
    static NDArray images(NDManager m, Random random) {
        float[] v = new float[(int) SHAPE.size()];
        for (int i = 0; i < v.length; i++) {
            double u = random.nextDouble();
            v[i] = u < 0.1 ? 0f : u < 0.2 ? 1f : random.nextFloat();
        }
        return m.create(v, SHAPE);
    }

    static long[] randomLabels(Random random) {
        long[] y = new long[(int) SHAPE.get(0)];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextInt(K);
        }
        return y;
    }

    @Provide
    Arbitrary<Norm> norms() {
        return Arbitraries.of(Norm.class);
    }

    @Provide
    Arbitrary<TargetChoice> targets() {
        return Arbitraries.of(TargetChoice.class);
    }

    @Provide
    Arbitrary<AttackLoss> losses() {
        return Arbitraries.of(AttackLoss.class);
    }
}
