package io.github.isce4j.eval;

import io.github.isce4j.attack.Attack;
import io.github.isce4j.attack.Norm;

import java.util.List;

/**
 * One line of an evaluation: one or more attacks whose per-example worst case decides robustness
 * (an image counts as robust only if it survives every one of them), optionally judged at several
 * L2 budgets after the fact.
 *
 * <p>Budgets serve the minimal-perturbation attacks (DeepFool, SimBA): an image is robust at ε
 * when the attack fails or needs a perturbation larger than ε. Such a plan gives one row per
 * budget; a plan without budgets gives one row.
 *
 * @param label what the row is called in tables, e.g. {@code pgd-l2 eps=1 steps=50}
 * @param protocol "bounded" or "paper" (SPEC §3)
 * @param eps the radius the attacks used, or NaN when they have none
 * @param attacks the attacks, at least one
 * @param budgets budgets to judge minimal perturbations at; empty for none
 * @param budgetNorm the norm the budgets bound
 */
public record AttackPlan(String label, String protocol, double eps, List<Attack> attacks, List<Double> budgets,
        Norm budgetNorm) {

    /** Checks that there is something to run. */
    public AttackPlan {
        if (attacks.isEmpty()) {
            throw new IllegalArgumentException("an attack plan needs at least one attack");
        }
        attacks = List.copyOf(attacks);
        budgets = List.copyOf(budgets);
    }

    /** A plan whose budgets, if any, bound the L2 norm. */
    public AttackPlan(String label, String protocol, double eps, List<Attack> attacks, List<Double> budgets) {
        this(label, protocol, eps, attacks, budgets, Norm.L2);
    }

    /**
     * @param attack a single attack with a fixed radius
     * @param protocol "bounded" or "paper"
     * @param eps its radius
     * @return the plan
     */
    public static AttackPlan of(Attack attack, String protocol, double eps) {
        return new AttackPlan(attack.label(), protocol, eps, List.of(attack), List.of());
    }
}
