package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.isce4j.data.DataLocator;
import io.github.isce4j.data.DatasetName;
import io.github.isce4j.data.ImageSet;
import io.github.isce4j.data.Split;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Square's query accounting, its schedule and L2 pattern against hand-computed values, and its
 * effect on a real model: a nearest-class-mean classifier of MNIST (an affine model whose weights
 * come from the training images), queried only through its deployed logits.
 */
class SquareAttackTest {

    /** Every forward pass is a query, the clean one included; the budget is never exceeded. */
    @Property(tries = 20)
    void neverExceedsItsBudgetAndCountsEveryQuery(
            @ForAll @IntRange(min = 1, max = 40) int budget, @ForAll boolean l2, @ForAll long seed) {
        Random random = new Random(seed);
        AffineClassifier model = blackBox(random);
        try (model;
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = AttackInvariantsTest.images(m, random);
            long[] y = AttackInvariantsTest.randomLabels(random);
            long[] clean = model.predict(x).toLongArray();
            long before = model.queried();
            SquareSpec spec = new SquareSpec(l2 ? Norm.L2 : Norm.LINF, 0.05, budget, 0.8);
            AttackResult r = spec.attack().run(model, x, m.create(y), random);
            long spent = 0;
            for (int i = 0; i < y.length; i++) {
                assertThat(r.queries()[i]).as("image %d", i).isBetween(1, budget);
                if (clean[i] != y[i]) {
                    assertThat(r.queries()[i])
                            .as("a misclassified image costs its clean query only")
                            .isEqualTo(1);
                } else if (!r.success()[i]) {
                    assertThat(r.queries()[i])
                            .as("an unbroken image spends the whole budget")
                            .isEqualTo(budget);
                }
                spent += r.queries()[i];
            }
            assertThat(model.queried() - before)
                    .as("images the model was queried on")
                    .isEqualTo(spent);
        }
    }

    @Test
    void sameSeedSameResult() {
        for (Norm norm : Norm.values()) {
            Random random = new Random(4);
            try (AffineClassifier model = blackBox(random);
                    NDManager m = NDManager.newBaseManager()) {
                NDArray x = AttackInvariantsTest.images(m, random);
                NDArray y = m.create(AttackInvariantsTest.randomLabels(random));
                SquareSpec spec = new SquareSpec(norm, 0.3, 60, 0.8);
                AttackResult a = spec.attack().run(model, x, y, new Random(9));
                AttackResult b = spec.attack().run(model, x, y, new Random(9));
                assertThat(b.adversarial().toFloatArray())
                        .containsExactly(a.adversarial().toFloatArray());
                assertThat(b.queries()).containsExactly(a.queries());
            }
        }
    }

    /** AutoAttack's schedule: p_init until 10/10,000 of the budget, then halved at each step of the schedule. */
    @Test
    void scheduleHalvesTheSquareAlongTheBudget() {
        SquareAttack square = new SquareAttack(SquareSpec.linf(0.1).build());
        assertThat(square.fraction(0)).isEqualTo(0.8);
        assertThat(square.fraction(5)).as("10/10,000 of 5,000").isEqualTo(0.8);
        assertThat(square.fraction(6)).isEqualTo(0.4);
        assertThat(square.fraction(25)).isEqualTo(0.4);
        assertThat(square.fraction(26)).isEqualTo(0.2);
        assertThat(square.fraction(2001)).as("past 4,000/10,000").isEqualTo(0.8 / 128);
        assertThat(square.fraction(4999)).isEqualTo(0.8 / 512);
        // MNIST: √(0.8·784) = 25.04; L2 windows are odd and at least 3
        assertThat(square.side(0, 28, 28, 1)).isEqualTo(25);
        assertThat(square.side(4999, 28, 28, 1)).isEqualTo(1);
        assertThat(square.side(4999, 28, 28, 3)).isEqualTo(3);
        assertThat(square.side(26, 28, 28, 3)).as("√(0.2·784) = 12.5 → 13").isEqualTo(13);
    }

    /** The 3×3 L2 pattern by hand: rings 1 + 1/4 at the centres, 1/4 around, each half of unit norm, then ÷√2. */
    @Test
    void l2PatternMatchesTheHandComputedOne() {
        float[] p = SquareAttack.pattern(3, false);
        double top = Math.sqrt(2 * 0.0625 + 1.5625);
        double bottom = Math.sqrt(5 * 0.0625 + 1.5625);
        double[] expected = {
            0.25 / top,
            1.25 / top,
            0.25 / top,
            -0.25 / bottom,
            -0.25 / bottom,
            -0.25 / bottom,
            -0.25 / bottom,
            -1.25 / bottom,
            -0.25 / bottom
        };
        double norm = 0;
        for (int i = 0; i < 9; i++) {
            assertThat((double) p[i]).as("entry %d", i).isCloseTo(expected[i] / Math.sqrt(2), within(1e-6));
            norm += p[i] * p[i];
        }
        assertThat(norm).isCloseTo(1, within(1e-6));
        float[] t = SquareAttack.pattern(3, true);
        assertThat(t[1 * 3 + 0]).isEqualTo(p[0 * 3 + 1]);
    }

    @Test
    void describesItself() {
        assertThat(SquareSpec.linf(0.1).build().label()).isEqualTo("square-linf eps=0.1 queries=5000");
        assertThat(SquareSpec.l2(1).queries(300).build().label()).isEqualTo("square-l2 eps=1.0 queries=300");
        SquareSpec spec = SquareSpec.l2(0.5).pInit(0.3).build();
        assertThat(AttackSpecJson.fromJson(AttackSpecJson.toJson(spec))).isEqualTo(spec);
        assertThat(spec.attack().blackBox()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SquareSpec.l2(1).queries(0).build())
                .hasMessage("queries must be >= 1, got 0");
    }

    /** At a large radius the black-box search breaks almost every image, in well under the budget. */
    @Test
    void foolsANearestMeanMnistClassifierAtALargeRadius() {
        ImageSet test = new DataLocator(List.of(), true).load(DatasetName.MNIST, Split.TEST);
        for (SquareSpec spec : List.of(
                SquareSpec.linf(0.3).queries(1000).build(),
                SquareSpec.l2(4).queries(1000).build())) {
            try (NDManager m = NDManager.newBaseManager();
                    AffineClassifier model = nearestMean(test, 1000, 5000)) {
                ImageSet victims = test.first(24);
                NDArray images = victims.images(m);
                NDArray labels = victims.labelArray(m);
                long[] clean = model.predict(images).toLongArray();
                long[] y = labels.toLongArray();
                AttackResult r = spec.attack().run(model, images, labels, new Random(7));
                int correct = 0;
                int fooled = 0;
                long queries = 0;
                for (int i = 0; i < y.length; i++) {
                    if (clean[i] == y[i]) {
                        correct++;
                        fooled += r.success()[i] ? 1 : 0;
                        queries += r.queries()[i];
                    }
                }
                assertThat(correct)
                        .as("clean accuracy of the nearest-mean model")
                        .isGreaterThan(16);
                assertThat(fooled)
                        .as("%s fooled %d of %d", spec.label(), fooled, correct)
                        .isGreaterThanOrEqualTo(correct * 9 / 10);
                assertThat((double) queries / correct)
                        .as("%s mean queries", spec.label())
                        .isLessThan(500);
            }
        }
    }

    private static AffineClassifier blackBox(Random random) {
        int d = 25;
        float[] w = new float[4 * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        float[] b = new float[4];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        return AffineClassifier.blackBox(w, b);
    }

    /** logits_c = x·μ_c − ½‖μ_c‖², μ_c the mean of class c over test images [from, to). */
    private static AffineClassifier nearestMean(ImageSet set, int from, int to) {
        int dims = set.channels() * set.height() * set.width();
        float[] pixels = set.pixels(from, to);
        double[] sum = new double[10 * dims];
        int[] count = new int[10];
        for (int i = from; i < to; i++) {
            int c = set.label(i);
            count[c]++;
            for (int d = 0; d < dims; d++) {
                sum[c * dims + d] += pixels[(i - from) * dims + d];
            }
        }
        float[] w = new float[10 * dims];
        float[] b = new float[10];
        for (int c = 0; c < 10; c++) {
            double norm2 = 0;
            for (int d = 0; d < dims; d++) {
                double mu = sum[c * dims + d] / count[c];
                w[c * dims + d] = (float) mu;
                norm2 += mu * mu;
            }
            b[c] = (float) (-norm2 / 2);
        }
        return AffineClassifier.blackBox(w, b);
    }
}
