package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.isce4j.model.Classifier;
import io.github.isce4j.model.Scalar;
import java.util.Arrays;
import java.util.Random;

/**
 * The yardstick of docs/method.md §7's fifth check: a random perturbation on the surface of the ε-ball (L2: a
 * uniform direction of length ε; L∞: a random corner of the cube), clipped to [0, 1]. An attack
 * that barely beats it is not finding adversarial directions.
 */
public final class RandomNoise implements Attack {

    private final RandomNoiseSpec spec;

    /** @param spec the settings, already checked */
    public RandomNoise(RandomNoiseSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean blackBox() {
        return true;
    }

    @Override
    public AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random) {
        Shape shape = images.getShape();
        NDManager caller = images.getManager();
        NDArray adversarial;
        try (NDManager work = caller.newSubManager()) {
            float[] gaussian = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < gaussian.length; i++) {
                gaussian[i] = (float) random.nextGaussian();
            }
            // The steepest-ascent direction of a random "gradient" is a uniform point on the unit sphere
            // (L2) or a uniform corner of the unit cube (L∞).
            NDArray delta = spec.norm().step(work.create(gaussian, shape)).mul(Scalar.of(images, (float) spec.eps()));
            adversarial = images.add(delta).clip(0, 1);
            adversarial.attach(caller);
        }
        int[] queries = new int[(int) shape.get(0)];
        Arrays.fill(queries, 1);
        return AttackResult.measure(classifier, images, adversarial, labels, null, queries);
    }
}
