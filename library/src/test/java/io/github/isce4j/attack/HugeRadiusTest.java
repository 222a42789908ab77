package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.InvalidSetting;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Radii far past the image cube ([0, 1]^d has diameter √d) must act as "unbounded", not overflow
 * float32 in ‖δ‖² and silently undo every step (robust accuracy = clean accuracy). A step of
 * 1e9 already saturates every pixel the gradient touches, so 1e10, 1e20 and 1e30 must give the
 * same adversarial images.
 */
class HugeRadiusTest {

    private static final NDManager MANAGER = NDManager.newBaseManager();
    private static final Shape SHAPE = new Shape(8, 1, 5, 5);

    @AfterAll
    static void close() {
        MANAGER.close();
    }

    @Test
    void l2ProjectionOfAHugePerturbationKeepsItInsideAHugerBall() {
        try (NDManager m = MANAGER.newSubManager()) {
            NDArray delta = m.full(new Shape(2, 1, 5, 5), 1e19f);
            assertThat(Norm.L2.project(delta, 1e20).toFloatArray()).containsOnly(1e19f);
            assertThat(Norm.L2.project(delta, Double.POSITIVE_INFINITY).toFloatArray())
                    .containsOnly(1e19f);
            // ‖δ‖ = 5e19, so a radius of 1e19 scales by 1/5
            for (float v : Norm.L2.project(delta, 1e19).toFloatArray()) {
                assertThat(v).isCloseTo(2e18f, org.assertj.core.data.Percentage.withPercentage(1e-4));
            }
            for (float v : Norm.L2.step(delta).toFloatArray()) {
                assertThat(v).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void pgdAtHugeRadiiEqualsPgdAtAnEffectivelyUnboundedOne() {
        for (Norm norm : Norm.values()) {
            float[] reference = pgd(norm, 1e10);
            assertThat(successes(norm, 1e10)).isPositive();
            for (double eps : new double[] {1e20, 1e30, 1e38}) {
                assertThat(pgd(norm, eps)).as("%s eps %s", norm, eps).containsExactly(reference);
            }
        }
    }

    @Test
    void fgsmAndNoiseAtHugeRadiiSaturateInsteadOfVanishing() {
        for (Norm norm : Norm.values()) {
            float[] reference = fgsm(norm, 1e10);
            assertThat(fgsm(norm, 1e30)).as("%s", norm).containsExactly(reference);
        }
    }

    @Test
    void simbaAtHugeStepsSaturatesInsteadOfVanishing() {
        float[] reference = simba(1e10);
        assertThat(reference).as("some pixel was stepped to a bound").containsAnyOf(0f, 1f);
        for (double eps : new double[] {1e30, 1e38}) {
            assertThat(simba(eps)).as("eps %s", eps).containsExactly(reference);
        }
    }

    @Test
    void radiiAndStepsPastFloat32AreRefused() {
        assertThatThrownBy(() -> SimBaSpec.pixel().eps(1e39).build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("simba_eps must be at most");
        assertThatThrownBy(() -> PgdSpec.l2(1e39).build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("eps must be at most");
        assertThatThrownBy(() -> PgdSpec.l2(1).stepSize(1e39).build())
                .isInstanceOf(InvalidSetting.class)
                .hasMessageContaining("step_size must be at most");
        assertThatThrownBy(() -> new FgsmSpec(Norm.LINF, 1e39)).isInstanceOf(InvalidSetting.class);
        assertThatThrownBy(() -> new FgsmSpec(Norm.LINF, Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidSetting.class);
        assertThatThrownBy(() -> new PaperProtocolSpec(1e39)).isInstanceOf(InvalidSetting.class);
        assertThatThrownBy(() -> new RandomNoiseSpec(Norm.L2, 1e39)).isInstanceOf(InvalidSetting.class);
        assertThatThrownBy(() -> ApgdSpec.l2(1e39).build()).isInstanceOf(InvalidSetting.class);
        assertThatThrownBy(() -> SquareSpec.l2(1e39).build()).isInstanceOf(InvalidSetting.class);
        assertThatThrownBy(() -> FabSpec.targeted(Norm.L2).eps(1e39).build()).isInstanceOf(InvalidSetting.class);
        assertThat(FabSpec.targeted(Norm.L2).build().eps())
                .as("minimal points: no budget")
                .isInfinite();
    }

    private static float[] pgd(Norm norm, double eps) {
        return attack(PgdSpec.of(norm, eps).steps(5).losses(AttackLoss.CE).build())
                .adversarial()
                .toFloatArray();
    }

    private static int successes(Norm norm, double eps) {
        AttackResult r =
                attack(PgdSpec.of(norm, eps).steps(5).losses(AttackLoss.CE).build());
        int n = 0;
        for (boolean s : r.success()) {
            n += s ? 1 : 0;
        }
        return n;
    }

    /** Pixel directions: a step of 1e10 already sets the pixel to 0 or 1, so any larger one must do the same. */
    private static float[] simba(double eps) {
        return attack(SimBaSpec.pixel().eps(eps).queries(30).build())
                .adversarial()
                .toFloatArray();
    }

    private static float[] fgsm(Norm norm, double eps) {
        return attack(new FgsmSpec(norm, eps, List.of(AttackLoss.CE)))
                .adversarial()
                .toFloatArray();
    }

    /** The same random affine model, images and labels every call, so results compare exactly. */
    private static AttackResult attack(AttackSpec spec) {
        Random random = new Random(7);
        int d = (int) (SHAPE.size() / SHAPE.get(0));
        double[][] w = new double[4][d];
        double[] b = new double[4];
        for (int k = 0; k < 4; k++) {
            b[k] = random.nextGaussian();
            for (int i = 0; i < d; i++) {
                w[k][i] = random.nextGaussian();
            }
        }
        float[] pixels = new float[(int) SHAPE.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        long[] labels = new long[(int) SHAPE.get(0)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(4);
        }
        AffineClassifier model = new AffineClassifier(w, b);
        NDArray x = MANAGER.create(pixels, SHAPE);
        AttackResult r = spec.attack().run(model, x, MANAGER.create(labels), random);
        model.close();
        return r;
    }
}
