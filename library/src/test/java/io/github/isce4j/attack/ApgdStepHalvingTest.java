package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.DecisionRule;
import io.github.isce4j.model.InputGradients;
import io.github.isce4j.model.Scalar;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * APGD must shrink its step to converge: on a concave objective whose maximum c lies inside the
 * ball, strictly inside it, a step that stays at its first size 2ε overshoots c on every step
 * and bounces between the sides of the ball, so only the halving at the checkpoints (docs/method.md
 * §3.12) brings the best point found close to c. The model never misclassifies, so every image
 * runs all its iterations and comes back as its highest-objective point.
 *
 * <p>(The affine models of the other APGD tests cannot tell: their objective rises toward the
 * boundary of the ball, which the first 2ε step already reaches.)
 */
class ApgdStepHalvingTest {

    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;
    private static final int N = 4;
    private static final double EPS = 0.1;

    @Test
    void apgdLinfConvergesOnAnInteriorMaximum() {
        check(Norm.LINF);
    }

    @Test
    void apgdL2ConvergesOnAnInteriorMaximum() {
        check(Norm.L2);
    }

    /**
     * Images at a distance 0.6·ε from c in the norm, in random directions; after 100 iterations
     * the returned point must be within a tenth of ε of c. Measured: 0.001·ε to 0.024·ε from c
     * as it is; with the step held at 2ε (never halved), 0.23·ε to 0.26·ε in L2 and 0.6·ε in L∞.
     */
    private static void check(Norm norm) {
        Random random = new Random(5);
        double[] c = new double[D];
        for (int i = 0; i < D; i++) {
            c[i] = 0.3 + 0.4 * random.nextDouble();
        }
        float[] images = new float[N * D];
        for (int n = 0; n < N; n++) {
            double[] offset = offset(norm, random);
            for (int i = 0; i < D; i++) {
                images[n * D + i] = (float) (c[i] - offset[i]);
            }
        }
        try (Bowl model = new Bowl(c);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(images, new Shape(N, 1, SIDE, SIDE));
            ApgdSpec spec = ApgdSpec.of(norm, EPS).build();
            AttackResult r = spec.attack()
                    .run(model, x, m.zeros(new Shape(N), ai.djl.ndarray.types.DataType.INT64), new Random(7));
            float[] adv = r.adversarial().toFloatArray();
            for (int n = 0; n < N; n++) {
                assertThat(r.success()[n]).as("the model never errs").isFalse();
                double distance = 0;
                for (int i = 0; i < D; i++) {
                    double diff = adv[n * D + i] - c[i];
                    distance = norm == Norm.L2 ? distance + diff * diff : Math.max(distance, Math.abs(diff));
                }
                distance = norm == Norm.L2 ? Math.sqrt(distance) : distance;
                assertThat(distance)
                        .as("%s distance of image %d's point from the maximum", norm, n)
                        .isLessThan(0.1 * EPS);
            }
        }
    }

    /** @return a random direction scaled to 0.6·ε in the norm */
    private static double[] offset(Norm norm, Random random) {
        double[] o = new double[D];
        double size = 0;
        for (int i = 0; i < D; i++) {
            o[i] = norm == Norm.L2 ? random.nextGaussian() : 2 * random.nextDouble() - 1;
            size = norm == Norm.L2 ? size + o[i] * o[i] : Math.max(size, Math.abs(o[i]));
        }
        size = norm == Norm.L2 ? Math.sqrt(size) : size;
        for (int i = 0; i < D; i++) {
            o[i] *= 0.6 * EPS / size;
        }
        return o;
    }

    /**
     * Two classes: z_0 = 0 and z_1 = −1 − 10·‖x − c‖², so class 0 always wins and CE against it,
     * log(1 + e^{z_1}), is largest at c and falls off smoothly around it.
     */
    private static final class Bowl implements Classifier {

        private final NDManager manager = NDManager.newBaseManager();
        private final NDArray centre;

        Bowl(double[] c) {
            float[] f = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                f[i] = (float) c[i];
            }
            centre = manager.create(f);
        }

        @Override
        public int numClasses() {
            return 2;
        }

        @Override
        public String description() {
            return "concave bowl test classifier";
        }

        @Override
        public DecisionRule decisionRule() {
            return DecisionRule.SOFTMAX;
        }

        @Override
        public NDArray logits(NDArray images) {
            NDArray d = images.reshape(images.getShape().get(0), -1).sub(centre.toDevice(images.getDevice(), false));
            NDArray runnerUp =
                    d.square().sum(new int[] {1}, true).mul(Scalar.of(d, -10f)).sub(Scalar.of(d, 1f));
            return NDArrays.concat(new NDList(runnerUp.zerosLike(), runnerUp), 1);
        }

        @Override
        public InputGradients inputGradients(NDArray images, Function<NDArray, NDList> objectives) {
            return InputGradients.compute(images, this::logits, objectives);
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
