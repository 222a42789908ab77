package io.github.isce4j.eval;

import java.util.Map;

/**
 * One row of an attack table: how a classifier fared against one attack setting on the first
 * {@code images} test images.
 *
 * @param attack the setting, e.g. {@code pgd-l2 eps=1 steps=50}
 * @param protocol "bounded" or "paper"
 * @param eps the radius (L2 budget for DeepFool and SimBA rows); NaN for none, +∞ for unbounded
 * @param settings every attack setting, per attack in the plan
 * @param images how many test images
 * @param cleanAccuracy accuracy before the attack
 * @param robustAccuracy accuracy w.r.t. the true label after the attack; misclassified clean
 *     images count as not robust
 * @param successRate fraction of the correctly classified images the attack made wrong
 * @param targetSuccessRate targeted: fraction of correctly classified images that ended at the
 *     target; NaN when untargeted
 * @param medianL2 median L2 norm of the successful perturbations (NaN when none)
 * @param medianLinf median L∞ norm of the successful perturbations (NaN when none)
 * @param meanQueries black-box: mean queries per image; NaN for white-box attacks
 * @param accuracyByAttack robust accuracy of each attack of the plan alone, by label
 * @param seconds wall time of the plan
 * @param imagesPerSecond images attacked per second (all attacks of the plan together)
 */
public record AttackRow(String attack, String protocol, double eps, java.util.List<Map<String, Object>> settings,
        int images, double cleanAccuracy, double robustAccuracy, double successRate, double targetSuccessRate,
        double medianL2, double medianLinf, double meanQueries, Map<String, Double> accuracyByAttack,
        double seconds, double imagesPerSecond) {
}
