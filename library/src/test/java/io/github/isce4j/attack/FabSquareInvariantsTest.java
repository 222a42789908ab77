package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * The attack contract ({@link AttackInvariantsTest#assertOutcome}) for FAB and Square over random
 * affine models, images (a fifth of the pixels at 0 or 1), radii and settings.
 */
class FabSquareInvariantsTest {

    private static final NDManager MANAGER = NDManager.newBaseManager();

    @AfterContainer
    static void close() {
        MANAGER.close();
    }

    /** Outputs in the box (and the ball when bounded), input untouched, honest norms; restarts included. */
    @Property(tries = 15)
    void staysInTheBoxAndTheBallAndLeavesItsInputAlone(
            @ForAll("norms") Norm norm,
            @ForAll @DoubleRange(min = 0.05, max = 3) double eps,
            @ForAll @IntRange(min = 0, max = 3) int targets,
            @ForAll @IntRange(min = 1, max = 2) int restarts,
            @ForAll boolean bounded,
            @ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier affine = AttackInvariantsTest.randomModel(random);
                NDManager m = MANAGER.newSubManager()) {
            NDArray x = AttackInvariantsTest.images(m, random);
            float[] before = x.toFloatArray();
            NDArray y = m.create(AttackInvariantsTest.randomLabels(random));
            FabSpec spec = new FabSpec(
                    norm, bounded ? eps : Double.POSITIVE_INFINITY, targets, 8, bounded ? restarts : 1, 0.1, 1.05, 0.9);
            AttackResult r = spec.attack().run(affine, x, y, random);
            assertThat(x.toFloatArray()).containsExactly(before);
            long[] labels = y.toLongArray();
            AttackInvariantsTest.assertOutcome(r, affine, before, labels, labels, TargetChoice.NONE, norm, spec.eps());
        }
    }

    /** Square: box, ball, input untouched, honest norms and a record that matches an exact forward pass. */
    @Property(tries = 15)
    void squareStaysInTheBoxAndTheBallAndLeavesItsInputAlone(
            @ForAll("norms") Norm norm,
            @ForAll @DoubleRange(min = 0, max = 3) double eps,
            @ForAll @IntRange(min = 1, max = 30) int queries,
            @ForAll long seed) {
        Random random = new Random(seed);
        try (AffineClassifier affine = AttackInvariantsTest.randomModel(random);
                NDManager m = MANAGER.newSubManager()) {
            NDArray x = AttackInvariantsTest.images(m, random);
            float[] before = x.toFloatArray();
            NDArray y = m.create(AttackInvariantsTest.randomLabels(random));
            AttackResult r = new SquareSpec(norm, eps, queries, 0.8).attack().run(affine, x, y, random);
            assertThat(x.toFloatArray()).containsExactly(before);
            long[] labels = y.toLongArray();
            AttackInvariantsTest.assertOutcome(r, affine, before, labels, labels, TargetChoice.NONE, norm, eps);
        }
    }

    @Provide
    Arbitrary<Norm> norms() {
        return Arbitraries.of(Norm.class);
    }
}
