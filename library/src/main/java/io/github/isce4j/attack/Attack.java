package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import io.github.isce4j.model.Classifier;
import java.util.Random;

/**
 * An adversarial attack on a {@link Classifier}: a batch of images in [0, 1] in, the adversarial
 * batch and a per-example record out. Attacks never modify the caller's images and draw all their
 * randomness from the given {@link Random}, so a seed fixes the result. An attack is built from its
 * {@link AttackSpec} ({@link AttackSpec#attack()}), which alone holds, checks and names its settings.
 */
public interface Attack {

    /** @return whether it only queries the deployed probabilities (then queries are reported) */
    default boolean blackBox() {
        return false;
    }

    /**
     * @param classifier the model under attack
     * @param images [N, C, H, W] in [0, 1]; not modified
     * @param labels int64 [N], the true labels
     * @param random the source of every random choice
     * @return the adversarial images (attached to the images' manager) and per-example records
     */
    AttackResult run(Classifier classifier, NDArray images, NDArray labels, Random random);
}
