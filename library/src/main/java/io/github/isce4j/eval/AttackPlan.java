package io.github.isce4j.eval;

import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One line of an evaluation: an attack specification (one attack, or one per loss judged by the
 * per-image worst case), under its protocol, optionally judged at budgets after the fact.
 *
 * <p>Budgets serve the minimal-perturbation attacks (DeepFool, SimBA): an image is robust at ε
 * when the attack fails or needs a perturbation larger than ε. Such a plan gives one row per
 * budget; a plan without budgets gives one row.
 *
 * @param spec what to run
 * @param budgets budgets to judge minimal perturbations at, +∞ for the unbounded row; empty for none
 * @param budgetNorm the norm the budgets bound
 */
public record AttackPlan(AttackSpec spec, List<Double> budgets, Norm budgetNorm) {

    /**
     * Checks the budgets and keeps each once, in order (a budget given twice would give two equal rows).
     *
     * @param spec what to run, not null
     * @param budgets budgets to judge minimal perturbations at, each &gt;= 0 (+∞ for the unbounded
     *     row); empty for none
     * @param budgetNorm the norm the budgets bound, not null
     * @throws IllegalArgumentException when the spec or the norm is missing or a budget is negative or NaN
     */
    public AttackPlan {
        if (spec == null || budgetNorm == null) {
            throw new IllegalArgumentException("an attack plan needs a spec and a budget norm");
        }
        for (double b : budgets) {
            if (!(b >= 0)) {
                throw new IllegalArgumentException("budgets must be >= 0, got " + b);
            }
        }
        budgets = List.copyOf(new LinkedHashSet<>(budgets));
    }

    /**
     * @param spec a bounded attack
     * @return the plan of one row
     */
    public static AttackPlan of(AttackSpec spec) {
        return new AttackPlan(spec, List.of(), Norm.L2);
    }

    /**
     * @param spec a minimal-perturbation attack such as DeepFool or SimBA
     * @param budgets budgets to judge at; the unbounded row (+∞) is added
     * @param norm the norm the budgets bound
     * @return one row per budget, then the unbounded one
     */
    public static AttackPlan judgedAt(AttackSpec spec, List<Double> budgets, Norm norm) {
        List<Double> all = new ArrayList<>(budgets);
        all.add(Double.POSITIVE_INFINITY);
        return new AttackPlan(spec, all, norm);
    }

    /** @return the protocol the spec runs under */
    public Protocol protocol() {
        return spec.protocol();
    }
}
