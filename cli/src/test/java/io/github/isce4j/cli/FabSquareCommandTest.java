package io.github.isce4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isce4j.attack.FabSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.SimBaSpec;
import io.github.isce4j.attack.SquareSpec;
import io.github.isce4j.eval.AttackPlan;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The plans `isce attack --attack fab-t-…,square-…` builds, without running them. */
class FabSquareCommandTest {

    private static List<AttackPlan> plans(String... args) {
        AttackCommand command = new AttackCommand();
        new CommandLine(command).parseArgs(args);
        return command.plans();
    }

    @Test
    void fabTIsOneRunJudgedAtEveryEpsInItsOwnNorm() {
        List<AttackPlan> plans = plans("run", "--attack", "fab-t-linf,pgd-l2", "--eps", "0.1,0.3", "--steps", "10");
        AttackPlan fab = plans.get(0);
        assertThat(fab.spec()).isEqualTo(FabSpec.targeted(Norm.LINF).build());
        assertThat(fab.budgets()).containsExactly(0.1, 0.3, Double.POSITIVE_INFINITY);
        assertThat(fab.budgetNorm())
                .as("FAB-T-L∞ judged in L∞ beside an L2 attack")
                .isEqualTo(Norm.LINF);
        assertThat(plans("run", "--attack", "fab-t-l2", "--eps", "1").get(0).budgetNorm())
                .isEqualTo(Norm.L2);
    }

    @Test
    void squareIsOnePlanPerEpsWithItsOwnDefaultBudget() {
        List<AttackPlan> plans = plans("run", "--attack", "square-l2,simba-dct", "--eps", "0.5,1");
        assertThat(plans.get(0).spec()).isEqualTo(SquareSpec.l2(0.5).build());
        assertThat(plans.get(0).budgets()).isEmpty();
        assertThat(plans.get(1).spec()).isEqualTo(SquareSpec.l2(1).build());
        assertThat(((SimBaSpec) plans.get(2).spec()).maxQueries()).isEqualTo(SimBaSpec.DEFAULT_QUERIES);
        List<AttackPlan> capped = plans("run", "--attack", "square-linf", "--eps", "0.1", "--queries", "100");
        assertThat(capped.get(0).spec())
                .isEqualTo(SquareSpec.linf(0.1).queries(100).build());
    }
}
