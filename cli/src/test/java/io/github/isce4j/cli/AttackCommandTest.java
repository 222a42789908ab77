package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.attack.Norm;
import io.github.isce4j.eval.AttackPlan;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which plans `isce attack` builds from its flags, without running them. */
class AttackCommandTest {

    private static List<AttackPlan> plans(String... args) {
        AttackCommand command = new AttackCommand();
        new CommandLine(command).parseArgs(args);
        return command.plans();
    }

    @Test
    void everyCombinationOfEpsStepsAndTargetIsOnePlan() {
        List<AttackPlan> plans =
                plans("run", "--attack", "pgd-l2", "--eps", "0.5,1", "--steps", "10,50", "--target", "none,ll");
        assertThat(plans).hasSize(8);
        assertThat(plans.get(0).spec().label()).isEqualTo("pgd-l2 eps=0.5 steps=10 loss=ce+margin");
        assertThat(plans.get(7).spec().label()).isEqualTo("pgd-l2 eps=1.0 steps=50 target=ll loss=ce+margin");
    }

    @Test
    void minimalPerturbationsAreJudgedInTheNormOfTheGradientAttacks() {
        assertThat(budgetNorms(plans("run", "--attack", "deepfool,simba-dct", "--eps", "1")))
                .containsOnly(Norm.L2);
        assertThat(budgetNorms(plans("run", "--attack", "pgd-linf,deepfool,simba-dct", "--eps", "0.1")))
                .containsOnly(Norm.LINF);
        assertThat(budgetNorms(plans("run", "--attack", "pgd-l2,fgsm-linf,deepfool", "--eps", "0.1")))
                .containsOnly(Norm.L2);
    }

    @Test
    void anAttackOrSettingNamedTwiceIsOnePlan() {
        assertThat(plans("run", "--attack", "pgd-l2,pgd-l2", "--eps", "1", "--steps", "10"))
                .hasSize(1);
        assertThat(plans("run", "--attack", "pgd-l2", "--eps", "1,1", "--steps", "10,10", "--target", "none,none"))
                .hasSize(1);
        List<AttackPlan> deepFool = plans("run", "--attack", "deepfool,deepfool", "--eps", "1,1");
        assertThat(deepFool).hasSize(1);
        assertThat(deepFool.get(0).budgets())
                .as("each budget once, then unbounded")
                .containsExactly(1.0, Double.POSITIVE_INFINITY);
    }

    @Test
    void aRefusedAttackSettingIsNamedByItsFlag() {
        assertThatThrownBy(() -> plans("run", "--attack", "pgd-l2", "--eps", "1", "--step-size", "-1"))
                .isInstanceOf(UserError.class)
                .hasMessage("pgd-l2: --step-size must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> plans("run", "--attack", "simba-dct", "--eps", "1", "--simba-eps", "0"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("simba-dct: --simba-eps must be ");
        assertThatThrownBy(() -> plans("run", "--attack", "pgd-l2", "--eps", "1", "--restarts", "0"))
                .isInstanceOf(UserError.class)
                .hasMessage("pgd-l2: --restarts must be >= 1, got 0");
    }

    private static List<Norm> budgetNorms(List<AttackPlan> plans) {
        return plans.stream()
                .filter(p -> !p.budgets().isEmpty())
                .map(AttackPlan::budgetNorm)
                .collect(Collectors.toList());
    }
}
