package io.github.isce4j.eval;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.Protocol;

import java.util.List;

/**
 * One row of an attack table: how a classifier fared against one attack specification, judged
 * at one budget, on {@code images} test images.
 *
 * @param spec the attack specification the row came from
 * @param budget the budget a minimal-perturbation attack was judged at; +∞ for unbounded or none
 * @param attack the row's name in tables, e.g. {@code pgd-l2 eps=1.0 steps=50 loss=ce+margin}
 * @param protocol bounded or paper
 * @param eps the radius (the budget for DeepFool and SimBA rows); NaN for none, +∞ for unbounded
 * @param images how many test images
 * @param cleanAccuracy accuracy before the attack
 * @param robustAccuracy accuracy w.r.t. the true label after the attack; misclassified clean
 *     images count as not robust
 * @param successRate fraction of the correctly classified images the attack made wrong
 * @param targetSuccessRate targeted: fraction of correctly classified images that ended at the
 *     target; NaN when untargeted
 * @param medianL2 median L2 norm of the successful perturbations (NaN when none)
 * @param medianLinf median L∞ norm of the successful perturbations (NaN when none)
 * @param meanQueries black-box: mean queries per image; NaN for white-box attacks and for
 *     cascades that mix both (AutoAttack)
 * @param parts how each part of the spec fared (one per attack loss, or per stage of a cascade)
 * @param seconds wall time of the plan
 * @param imagesPerSecond images attacked per second (all parts together; a cascade's images count once, through all its stages)
 */
public record AttackRow(AttackSpec spec, double budget, String attack, Protocol protocol, double eps, int images,
        double cleanAccuracy, double robustAccuracy, double successRate, double targetSuccessRate, double medianL2,
        double medianLinf, double meanQueries, List<PartAccuracy> parts, double seconds, double imagesPerSecond) {

    /** Copies the parts. */
    public AttackRow {
        parts = List.copyOf(parts);
    }

    /**
     * How one part of the row's spec fared: alone, together with the parts before it, and which
     * images it was the first to break. For a cascade (AutoAttack) the parts after the first ran
     * only on the images still robust, so their accuracy alone is not known.
     *
     * @param spec a single-attack part of the row's spec
     * @param attack its label
     * @param robustAccuracy robust accuracy against it alone; NaN for a cascade stage after the first
     * @param afterAccuracy robust accuracy after this part and every part before it (per-image worst case)
     * @param broke indices, into the attacked images, of the images this part broke that no part
     *     before it had broken
     * @param seconds wall time of this part alone (a cascade's stage: on the images still robust)
     */
    public record PartAccuracy(AttackSpec spec, String attack, double robustAccuracy, double afterAccuracy,
            List<Integer> broke, double seconds) {

        /** Copies the indices. */
        public PartAccuracy {
            broke = broke == null ? List.of() : List.copyOf(broke);
        }
    }

    /**
     * @param part one of {@code spec().parts()}
     * @return robust accuracy against that part alone
     * @throws IllegalArgumentException when it is not a part of this row's spec
     */
    public double aloneAccuracy(AttackSpec part) {
        return part(part).robustAccuracy();
    }

    /**
     * @param part one of {@code spec().parts()}
     * @return robust accuracy after that part and every part before it
     * @throws IllegalArgumentException when it is not a part of this row's spec
     */
    public double afterAccuracy(AttackSpec part) {
        return part(part).afterAccuracy();
    }

    /**
     * @param part one of {@code spec().parts()}
     * @return its record
     * @throws IllegalArgumentException when it is not a part of this row's spec
     */
    public PartAccuracy part(AttackSpec part) {
        return parts.stream().filter(p -> p.spec().equals(part)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(part.label() + " is not a part of " + attack));
    }
}
