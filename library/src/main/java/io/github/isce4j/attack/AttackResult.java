package io.github.isce4j.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.isce4j.model.Classifier;

/**
 * What an attack did to one batch, per example.
 *
 * @param adversarial the adversarial images [N, C, H, W] in [0, 1]
 * @param predictions the classifier's predictions on them
 * @param targets the target classes of a targeted attack, or null when untargeted
 * @param success untargeted: the prediction differs from the attacked label; targeted: it equals
 *     the target
 * @param l2 L2 norm of the final perturbation (over all C·H·W values)
 * @param linf L∞ norm of the final perturbation
 * @param queries forward passes spent per image (black-box attacks) or gradient evaluations
 */
public record AttackResult(
        NDArray adversarial,
        long[] predictions,
        long[] targets,
        boolean[] success,
        float[] l2,
        float[] linf,
        int[] queries) {

    private static final NDIndex ALL = new NDIndex(":");

    /**
     * Measures an attack's outcome.
     *
     * @param classifier the attacked model
     * @param clean the original images
     * @param adversarial the attack's output
     * @param labels the labels the attack moved away from (untargeted)
     * @param targets the targets (targeted), or null
     * @param queries per-image queries or gradient evaluations
     * @return the record
     */
    public static AttackResult measure(
            Classifier classifier, NDArray clean, NDArray adversarial, NDArray labels, long[] targets, int[] queries) {
        try (NDManager m = adversarial.getManager().newSubManager()) {
            NDArray x = adversarial.get(m, ALL);
            long n = x.getShape().get(0);
            long[] predictions = classifier.predict(x).toLongArray();
            NDArray delta = x.sub(clean).reshape(n, -1);
            float[] l2 = delta.norm(new int[] {1}).toFloatArray();
            float[] linf = delta.abs().max(new int[] {1}).toFloatArray();
            long[] y = labels.toLongArray();
            boolean[] success = new boolean[(int) n];
            for (int i = 0; i < n; i++) {
                success[i] = targets == null ? predictions[i] != y[i] : predictions[i] == targets[i];
            }
            return new AttackResult(adversarial, predictions, targets, success, l2, linf, queries);
        }
    }

    /** @return the batch size */
    public int size() {
        return success.length;
    }
}
