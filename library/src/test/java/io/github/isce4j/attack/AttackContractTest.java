package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every kind of attack spec keeps, each of its parts run on real images: the first
 * 16 MNIST test images (a cascade's parts only on those the parts before left robust) against a
 * nearest-centroid linear classifier, z_k = μ_k·x − ‖μ_k‖²/2 with μ_k the class means of test
 * images 5,000 to 9,999, which is right on 13 of them and fooled by every attack at the radii
 * below. Judged from the returned images alone, in double arithmetic:
 * <ul>
 *   <li>every pixel finite and in [0, 1];</li>
 *   <li>inside the ball in the attack's norm, where it is bounded (minimal-perturbation attacks
 *       only have the first point);</li>
 *   <li>the caller's images and labels untouched;</li>
 *   <li>the same seed gives the same images, predictions, targets and queries, bit for bit, also
 *       when the same attack object runs again;</li>
 *   <li>where the attack is meant to fool the model, the accuracy (the per-image worst case over
 *       the spec's parts, by an exact forward pass) falls to at most half the clean accuracy, so an
 *       attack that does nothing fails; random noise, which is not, must at least move every image
 *       by half its radius.</li>
 * </ul>
 * A spec kind without a case here fails {@link #everySpecKindHasACase()}: a new attack joins the
 * contract when it joins {@link AttackSpec}. The random-settings properties of
 * {@link AttackInvariantsTest} and {@link FabSquareInvariantsTest} stay: they vary what this test fixes.
 */
class AttackContractTest {

    private static final int N = 16;
    private static final int CLASSES = 10;
    private static final int PIXELS = 28 * 28;
    private static final long SEED = 2026;

    private static AffineClassifier model;
    private static NDManager manager;
    private static float[] clean;
    private static long[] labels;
    private static double cleanAccuracy;

    /** What an attack is expected to do to the model besides keeping the contract. */
    enum Goal {
        /** robust accuracy at most half the clean accuracy */
        FOOLS,
        /** every image moved by at least half the radius (random noise) */
        MOVES
    }

    /**
     * @param spec the attack setting
     * @param norm the norm its radius is read in
     * @param radius the bound of every output's perturbation in that norm; +∞ for minimal-perturbation attacks
     * @param goal what it must do beyond the contract
     */
    record Case(AttackSpec spec, Norm norm, double radius, Goal goal) {
        @Override
        public String toString() {
            return spec.label();
        }
    }

    /** @return one case per spec kind, settings cut down to keep the run short */
    static List<Case> cases() {
        double none = Double.POSITIVE_INFINITY;
        PaperProtocolSpec paper = new PaperProtocolSpec(0.02, 30, TargetChoice.NONE);
        return List.of(
                new Case(new FgsmSpec(Norm.LINF, 0.3), Norm.LINF, 0.3, Goal.FOOLS),
                new Case(PgdSpec.l2(3.0).build(), Norm.L2, 3.0, Goal.FOOLS),
                // unprojected sign steps of eps/2: after n of them a pixel has moved at most n·eps/2
                new Case(paper, Norm.LINF, paper.steps() * paper.eps() / 2, Goal.FOOLS),
                new Case(
                        new DeepFoolSpec(DeepFoolSpec.DEFAULT_OVERSHOOT, 10, DeepFoolSpec.DEFAULT_CANDIDATES),
                        Norm.L2,
                        none,
                        Goal.FOOLS),
                new Case(SimBaSpec.dct().eps(0.5).queries(150).maxL2(4.0).build(), Norm.L2, 4.0, Goal.FOOLS),
                new Case(new RandomNoiseSpec(Norm.L2, 2.0), Norm.L2, 2.0, Goal.MOVES),
                new Case(FabSpec.targeted(Norm.L2).targets(2).iterations(10).build(), Norm.L2, none, Goal.FOOLS),
                new Case(SquareSpec.linf(0.3).queries(200).build(), Norm.LINF, 0.3, Goal.FOOLS),
                new Case(ApgdSpec.l2(3.0).iterations(20).build(), Norm.L2, 3.0, Goal.FOOLS),
                // MNIST's usual radius: APGD-CE breaks every image, the later stages have nothing left
                new Case(AutoAttackSpec.standard(Norm.LINF, 0.3), Norm.LINF, 0.3, Goal.FOOLS));
    }

    @BeforeAll
    static void build() {
        ImageSet test = new DataLocator((Path) null).load(DatasetName.MNIST, Split.TEST);
        double[][] w = new double[CLASSES][PIXELS];
        int[] counts = new int[CLASSES];
        float[] reference = test.pixels(5_000, 10_000);
        for (int i = 0; i < 5_000; i++) {
            int k = test.label(5_000 + i);
            counts[k]++;
            for (int j = 0; j < PIXELS; j++) {
                w[k][j] += reference[i * PIXELS + j];
            }
        }
        double[] b = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            for (int j = 0; j < PIXELS; j++) {
                w[k][j] /= counts[k];
                b[k] -= w[k][j] * w[k][j] / 2;
            }
        }
        model = new AffineClassifier(w, b);
        manager = NDManager.newBaseManager();
        clean = test.pixels(0, N);
        labels = new long[N];
        int right = 0;
        for (int i = 0; i < N; i++) {
            labels[i] = test.label(i);
            right += predict(clean, i) == labels[i] ? 1 : 0;
        }
        cleanAccuracy = right / (double) N;
        assertThat(cleanAccuracy)
                .as("clean accuracy of the centroid classifier")
                .isGreaterThanOrEqualTo(0.7);
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    @Test
    void everySpecKindHasACase() {
        for (Class<?> kind : AttackSpec.class.getPermittedSubclasses()) {
            assertThat(cases())
                    .as("a contract case for %s", kind.getSimpleName())
                    .anyMatch(c -> kind.isInstance(c.spec()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keepsTheContract(Case c) {
        boolean[] robust = new boolean[N];
        for (int i = 0; i < N; i++) {
            robust[i] = predict(clean, i) == labels[i];
        }
        double[] smallestMove = new double[N];
        Arrays.fill(smallestMove, Double.POSITIVE_INFINITY);
        for (AttackSpec part : c.spec().parts()) {
            // A cascade's part attacks only the images the parts before it left robust.
            int[] rows = IntStream.range(0, N)
                    .filter(i -> robust[i] || !c.spec().cascade())
                    .toArray();
            if (rows.length == 0) {
                continue;
            }
            float[] x = new float[rows.length * PIXELS];
            long[] y = new long[rows.length];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(clean, rows[r] * PIXELS, x, r * PIXELS, PIXELS);
                y[r] = labels[rows[r]];
            }
            float[] adv = runTwice(part, x, y);
            for (int r = 0; r < rows.length; r++) {
                int i = rows[r];
                double size = size(adv, r, x, c.norm());
                assertThat(size)
                        .as("%s size of image %d after %s", c.norm(), i, part.label())
                        .isLessThanOrEqualTo(c.radius() * (1 + 1e-5) + 1e-6);
                smallestMove[i] = Math.min(smallestMove[i], size);
                robust[i] &= predict(adv, r) == labels[i];
            }
        }
        int left = 0;
        for (boolean r : robust) {
            left += r ? 1 : 0;
        }
        if (c.goal() == Goal.FOOLS) {
            assertThat(left / (double) N)
                    .as("robust accuracy under %s (clean %s)", c, cleanAccuracy)
                    .isLessThanOrEqualTo(cleanAccuracy / 2);
        } else {
            for (int i = 0; i < N; i++) {
                assertThat(smallestMove[i])
                        .as("how far %s moved image %d", c, i)
                        .isGreaterThanOrEqualTo(c.radius() / 2);
            }
        }
    }

    /**
     * Runs one single-attack spec twice from the same seed, the second time with the same attack
     * object, and checks the box, the untouched input and that both runs agree bit for bit.
     *
     * @return the adversarial images, flat
     */
    private static float[] runTwice(AttackSpec part, float[] images, long[] truth) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(images, new Shape(truth.length, 1, 28, 28));
            NDArray y = m.create(truth);
            Attack attack = part.attack();
            AttackResult first = attack.run(model, x, y, new Random(SEED));
            float[] adv = first.adversarial().toFloatArray();
            assertThat(x.toFloatArray())
                    .as("%s leaves the caller's images alone", part.label())
                    .containsExactly(images);
            assertThat(y.toLongArray())
                    .as("%s leaves the caller's labels alone", part.label())
                    .containsExactly(truth);
            assertThat(adv).as("%s output", part.label()).hasSize(images.length);
            for (int j = 0; j < adv.length; j++) {
                if (!(adv[j] >= 0 && adv[j] <= 1)) { // false for NaN too
                    assertThat(adv[j])
                            .as("%s pixel %d of image %d", part.label(), j % PIXELS, j / PIXELS)
                            .isBetween(0f, 1f);
                }
            }
            AttackResult again = attack.run(model, x, y, new Random(SEED));
            assertThat(again.adversarial().toFloatArray())
                    .as("%s again from the same seed", part.label())
                    .containsExactly(adv);
            assertThat(again.predictions()).containsExactly(first.predictions());
            assertThat(again.success()).containsExactly(first.success());
            assertThat(again.targets()).isEqualTo(first.targets());
            assertThat(again.queries()).containsExactly(first.queries());
            return adv;
        }
    }

    /** @return the size of image i's perturbation from {@code from} in the norm, in double arithmetic */
    private static double size(float[] adv, int i, float[] from, Norm norm) {
        double sum = 0;
        double max = 0;
        for (int j = i * PIXELS; j < (i + 1) * PIXELS; j++) {
            double d = (double) adv[j] - from[j];
            sum += d * d;
            max = Math.max(max, Math.abs(d));
        }
        return norm == Norm.L2 ? Math.sqrt(sum) : max;
    }

    /** @return the class of image i by an exact forward pass */
    private static int predict(float[] images, int i) {
        double[] x = new double[PIXELS];
        for (int j = 0; j < PIXELS; j++) {
            x[j] = images[i * PIXELS + j];
        }
        double[] z = model.exactLogits(x);
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            best = z[k] > z[best] ? k : best;
        }
        return best;
    }
}
