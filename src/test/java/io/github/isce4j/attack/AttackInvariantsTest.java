package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.Random;

/**
 * Properties every attack keeps, over random models, images, radii and settings: outputs in
 * [0, 1] and inside the ε-ball, the caller's images untouched, targets never the true label, and
 * targeted success meaning the prediction is the target.
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
            @ForAll("norms") Norm norm, @ForAll @DoubleRange(min = 0, max = 3) double eps,
            @ForAll @IntRange(min = 1, max = 6) int steps, @ForAll boolean randomStart,
            @ForAll @IntRange(min = 1, max = 2) int restarts, @ForAll("targets") TargetChoice target,
            @ForAll("losses") AttackLoss loss, @ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier model = randomModel(random); NDManager m = MANAGER.newSubManager()) {
            NDArray x = images(m, random);
            float[] before = x.toFloatArray();
            NDArray labels = m.create(randomLabels(random));
            double step = ProjectedGradientDescent.defaultStepSize(eps, steps) * (0.5 + random.nextDouble());
            AttackResult r = new ProjectedGradientDescent(norm, eps, steps, step, randomStart, restarts, target, loss)
                    .run(model, x, labels, random);
            assertThat(x.toFloatArray()).containsExactly(before);
            assertInBoxAndBall(r, norm, eps);
            assertTargets(r, labels.toLongArray(), target);
        }
    }

    @Property(tries = 25)
    void fgsmAndThePaperProtocolStayInTheBox(@ForAll("norms") Norm norm,
            @ForAll @DoubleRange(min = 0, max = 2) double eps, @ForAll @IntRange(min = 1, max = 5) int steps,
            @ForAll("targets") TargetChoice target, @ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier model = randomModel(random); NDManager m = MANAGER.newSubManager()) {
            NDArray x = images(m, random);
            float[] before = x.toFloatArray();
            NDArray labels = m.create(randomLabels(random));
            assertInBoxAndBall(new FastGradientSignMethod(norm, eps, AttackLoss.CE).run(model, x, labels, random), norm, eps);
            AttackResult paper = new PaperProtocolAttack(eps, steps, target).run(model, x, labels, random);
            // No projection: after n sign steps of eps/2 a pixel has moved at most n·eps/2.
            assertInBoxAndBall(paper, Norm.LINF, steps * eps / 2);
            assertTargets(paper, labels.toLongArray(), target);
            assertThat(x.toFloatArray()).containsExactly(before);
        }
    }

    @Property(tries = 25)
    void deepFoolStaysInTheBoxAndReportsItsTrueNorms(@ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier model = randomModel(random); NDManager m = MANAGER.newSubManager()) {
            NDArray x = images(m, random);
            float[] before = x.toFloatArray();
            AttackResult r = new DeepFool().run(model, x, m.create(randomLabels(random)), random);
            assertThat(x.toFloatArray()).containsExactly(before);
            assertInBoxAndBall(r, Norm.L2, Double.POSITIVE_INFINITY);
            NDArray delta = r.adversarial().sub(x).reshape(SHAPE.get(0), -1);
            float[] l2 = delta.norm(new int[] {1}).toFloatArray();
            for (int i = 0; i < l2.length; i++) {
                assertThat(r.l2()[i]).isCloseTo(l2[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    private static void assertInBoxAndBall(AttackResult r, Norm norm, double eps) {
        float[] adv = r.adversarial().toFloatArray();
        for (float v : adv) {
            assertThat(v).isBetween(0f, 1f);
        }
        for (int i = 0; i < r.size(); i++) {
            float size = norm == Norm.L2 ? r.l2()[i] : r.linf()[i];
            assertThat((double) size).isLessThanOrEqualTo(eps + 1e-5);
        }
    }

    private static void assertTargets(AttackResult r, long[] labels, TargetChoice target) {
        if (target == TargetChoice.NONE) {
            assertThat(r.targets()).isNull();
            return;
        }
        for (int i = 0; i < labels.length; i++) {
            assertThat(r.targets()[i]).isNotEqualTo(labels[i]);
            assertThat(r.success()[i]).isEqualTo(r.predictions()[i] == r.targets()[i]);
        }
    }

    private static AffineClassifier randomModel(Random random) {
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
    private static NDArray images(NDManager m, Random random) {
        float[] v = new float[(int) SHAPE.size()];
        for (int i = 0; i < v.length; i++) {
            double u = random.nextDouble();
            v[i] = u < 0.1 ? 0f : u < 0.2 ? 1f : random.nextFloat();
        }
        return m.create(v, SHAPE);
    }

    private static long[] randomLabels(Random random) {
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
