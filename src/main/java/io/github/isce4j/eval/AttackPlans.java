package io.github.isce4j.eval;

import io.github.isce4j.attack.Attack;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.DeepFool;
import io.github.isce4j.attack.FastGradientSignMethod;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PaperProtocolAttack;
import io.github.isce4j.attack.ProjectedGradientDescent;
import io.github.isce4j.attack.TargetChoice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Builds the plans of the two evaluation protocols (SPEC §3). */
public final class AttackPlans {

    /** Protocol name of true-radius attacks. */
    public static final String BOUNDED = "bounded";
    /** Protocol name of the authors' script. */
    public static final String PAPER = "paper";

    private AttackPlans() {}

    /**
     * Bounded-protocol PGD, one attack per loss, judged by the per-example worst case.
     *
     * @param norm L2 or L∞
     * @param eps radius
     * @param steps steps
     * @param stepSize step size, or NaN for 2.5·eps/steps
     * @param randomStart start uniformly in the ball
     * @param restarts restarts
     * @param target target choice
     * @param losses attack losses
     * @return the plan
     */
    public static AttackPlan pgd(Norm norm, double eps, int steps, double stepSize, boolean randomStart, int restarts,
            TargetChoice target, List<AttackLoss> losses) {
        double step = Double.isNaN(stepSize) ? ProjectedGradientDescent.defaultStepSize(eps, steps) : stepSize;
        List<Attack> attacks = new ArrayList<>();
        for (AttackLoss loss : losses) {
            attacks.add(new ProjectedGradientDescent(norm, eps, steps, step, randomStart, restarts, target, loss));
        }
        String label = String.format(Locale.ROOT, "pgd-%s eps=%s steps=%d%s loss=%s%s", norm.id(), eps, steps,
                target == TargetChoice.NONE ? "" : " target=" + target.id(), ids(losses),
                restarts > 1 ? " restarts=" + restarts : "");
        return new AttackPlan(label, BOUNDED, eps, attacks, List.of());
    }

    /**
     * @param norm L2 or L∞
     * @param eps radius
     * @param losses attack losses
     * @return FGSM under the bounded protocol
     */
    public static AttackPlan fgsm(Norm norm, double eps, List<AttackLoss> losses) {
        List<Attack> attacks = new ArrayList<>();
        losses.forEach(l -> attacks.add(new FastGradientSignMethod(norm, eps, l)));
        return new AttackPlan(String.format(Locale.ROOT, "fgsm-%s eps=%s loss=%s", norm.id(), eps, ids(losses)),
                BOUNDED, eps, attacks, List.of());
    }

    /**
     * @param paperEps the paper's per-step ε in [−1, 1] units
     * @param steps sign steps
     * @param target target choice
     * @return the paper-protocol attack
     */
    public static AttackPlan paper(double paperEps, int steps, TargetChoice target) {
        return AttackPlan.of(new PaperProtocolAttack(paperEps, steps, target), PAPER, paperEps);
    }

    /**
     * @param budgets L2 budgets to judge at; +∞ is added for the unbounded row
     * @return DeepFool judged at each budget
     */
    public static AttackPlan deepFool(List<Double> budgets) {
        return judgedAtBudgets(new DeepFool(), budgets, Norm.L2);
    }

    /**
     * @param attack a minimal-perturbation attack such as SimBA
     * @param budgets L2 budgets to judge at; +∞ is added for the unbounded row
     * @return the attack judged at each budget
     */
    public static AttackPlan judgedAtBudgets(Attack attack, List<Double> budgets) {
        return judgedAtBudgets(attack, budgets, Norm.L2);
    }

    /**
     * @param attack a minimal-perturbation attack such as SimBA
     * @param budgets budgets to judge at; +∞ is added for the unbounded row
     * @param norm the norm the budgets bound
     * @return the attack judged at each budget
     */
    public static AttackPlan judgedAtBudgets(Attack attack, List<Double> budgets, Norm norm) {
        return new AttackPlan(attack.label(), BOUNDED, Double.NaN, List.of(attack), withUnbounded(budgets), norm);
    }

    private static List<Double> withUnbounded(List<Double> budgets) {
        List<Double> all = new ArrayList<>(budgets);
        all.add(Double.POSITIVE_INFINITY);
        return all;
    }

    private static String ids(List<AttackLoss> losses) {
        return losses.stream().map(AttackLoss::id).collect(Collectors.joining("+"));
    }
}
