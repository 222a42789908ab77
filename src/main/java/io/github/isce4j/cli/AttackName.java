package io.github.isce4j.cli;

import io.github.isce4j.attack.ApgdSpec;
import io.github.isce4j.attack.AttackLoss;
import io.github.isce4j.attack.AttackSpec;
import io.github.isce4j.attack.AutoAttackSpec;
import io.github.isce4j.attack.DeepFoolSpec;
import io.github.isce4j.attack.FabSpec;
import io.github.isce4j.attack.FgsmSpec;
import io.github.isce4j.attack.Norm;
import io.github.isce4j.attack.PaperProtocolSpec;
import io.github.isce4j.attack.PgdSpec;
import io.github.isce4j.attack.Protocol;
import io.github.isce4j.attack.SimBaBasis;
import io.github.isce4j.attack.SimBaSpec;
import io.github.isce4j.attack.SquareSpec;
import io.github.isce4j.attack.TargetChoice;
import io.github.isce4j.Ids;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The attacks {@code --attack} names; each expands the command's grid of settings into specs. */
enum AttackName {
    PGD_L2("pgd-l2", Norm.L2), PGD_LINF("pgd-linf", Norm.LINF),
    FGSM_L2("fgsm-l2", Norm.L2), FGSM_LINF("fgsm-linf", Norm.LINF),
    DEEPFOOL("deepfool", null),
    SIMBA_PIXEL("simba-pixel", null), SIMBA_DCT("simba-dct", null),
    FAB_T_L2("fab-t-l2", Norm.L2), FAB_T_LINF("fab-t-linf", Norm.LINF),
    SQUARE_L2("square-l2", Norm.L2), SQUARE_LINF("square-linf", Norm.LINF),
    APGD_CE_L2("apgd-ce-l2", Norm.L2), APGD_CE_LINF("apgd-ce-linf", Norm.LINF),
    APGD_DLR_L2("apgd-dlr-l2", Norm.L2), APGD_DLR_LINF("apgd-dlr-linf", Norm.LINF),
    APGD_T_L2("apgd-t-l2", Norm.L2), APGD_T_LINF("apgd-t-linf", Norm.LINF),
    AUTOATTACK_L2("autoattack-l2", Norm.L2), AUTOATTACK_LINF("autoattack-linf", Norm.LINF),
    AUTOATTACK_RAND_L2("autoattack-rand-l2", Norm.L2), AUTOATTACK_RAND_LINF("autoattack-rand-linf", Norm.LINF);

    private final String id;
    private final Norm norm;

    AttackName(String id, Norm norm) {
        this.id = id;
        this.norm = norm;
    }

    /** @return the name on the command line */
    String id() {
        return id;
    }

    /** @return the norm of a gradient, FAB-T or Square attack; null for DeepFool and SimBA */
    Norm norm() {
        return norm;
    }

    /** @return whether its specs are judged at the --eps values as budgets */
    boolean judgedAtBudgets() {
        return norm == null || isFab();
    }

    /**
     * @param common the norm the command's budgets bound for DeepFool and SimBA
     * @return the norm this attack's budgets bound: FAB-T's own norm, else {@code common}
     */
    Norm budgetNorm(Norm common) {
        return isFab() ? norm : common;
    }

    private boolean isFab() {
        return this == FAB_T_L2 || this == FAB_T_LINF;
    }

    /**
     * The settings the command line gives, in one place.
     *
     * @param protocol bounded or paper
     * @param eps radii (paper protocol: per-step size in the paper's units)
     * @param steps PGD steps
     * @param targets target choices
     * @param losses attack losses of PGD and FGSM
     * @param stepSize PGD's step length, or null for its default
     * @param randomStart PGD starts uniformly in the ball
     * @param restarts PGD restarts
     * @param queries SimBA's or Square's budget, or null for each attack's default (300, 5,000)
     * @param simbaEps SimBA's step
     */
    record Grid(Protocol protocol, List<Double> eps, List<Integer> steps, List<TargetChoice> targets,
            List<AttackLoss> losses, Double stepSize, boolean randomStart, int restarts, Integer queries, double simbaEps) {}

    /**
     * @param grid the command line's settings
     * @return one spec per row group, in the order rows are printed
     */
    List<AttackSpec> specs(Grid grid) {
        List<AttackSpec> specs = new ArrayList<>();
        switch (this) {
            case PGD_L2, PGD_LINF -> {
                for (TargetChoice target : grid.targets()) {
                    for (int s : grid.steps()) {
                        for (double e : grid.eps()) {
                            specs.add(grid.protocol() == Protocol.PAPER ? new PaperProtocolSpec(e, s, target)
                                    : pgd(grid, e, s, target));
                        }
                    }
                }
            }
            case FGSM_L2, FGSM_LINF -> grid.eps().forEach(e -> specs.add(new FgsmSpec(norm, e, grid.losses())));
            case DEEPFOOL -> specs.add(new DeepFoolSpec());
            case SIMBA_PIXEL, SIMBA_DCT -> grid.targets().forEach(target -> specs.add(new SimBaSpec(
                    this == SIMBA_DCT ? SimBaBasis.DCT : SimBaBasis.PIXEL, grid.simbaEps(),
                    grid.queries() == null ? SimBaSpec.DEFAULT_QUERIES : grid.queries(), Double.POSITIVE_INFINITY, target)));
            // One run of FAB-T's minimal points serves every budget.
            case FAB_T_L2, FAB_T_LINF -> specs.add(FabSpec.targeted(norm).build());
            case SQUARE_L2, SQUARE_LINF -> grid.eps().forEach(e -> specs.add(new SquareSpec(norm, e,
                    grid.queries() == null ? SquareSpec.DEFAULT_QUERIES : grid.queries(), SquareSpec.DEFAULT_P_INIT)));
            case APGD_CE_L2, APGD_CE_LINF, APGD_DLR_L2, APGD_DLR_LINF, APGD_T_L2, APGD_T_LINF -> grid.eps().forEach(
                    e -> specs.add(apgd(grid, e)));
            case AUTOATTACK_L2, AUTOATTACK_LINF -> grid.eps().forEach(e -> specs.add(AutoAttackSpec.standard(norm, e)));
            case AUTOATTACK_RAND_L2, AUTOATTACK_RAND_LINF -> grid.eps().forEach(e -> specs.add(AutoAttackSpec.rand(norm, e)));
            default -> throw new AssertionError(this);
        }
        return specs;
    }

    /** APGD at AutoAttack's settings (100 iterations; APGD-T: targeted DLR, 9 targets), --restarts runs. */
    private ApgdSpec apgd(Grid grid, double eps) {
        ApgdSpec.Builder b = ApgdSpec.of(norm, eps).restarts(grid.restarts());
        return switch (this) {
            case APGD_DLR_L2, APGD_DLR_LINF -> b.loss(AttackLoss.DLR).build();
            case APGD_T_L2, APGD_T_LINF -> b.loss(AttackLoss.DLR).targets(ApgdSpec.DEFAULT_TARGETS).build();
            default -> b.build();
        };
    }

    private PgdSpec pgd(Grid grid, double eps, int steps, TargetChoice target) {
        PgdSpec.Builder b = (norm == Norm.L2 ? PgdSpec.l2(eps) : PgdSpec.linf(eps)).steps(steps).target(target)
                .randomStart(grid.randomStart()).restarts(grid.restarts()).losses(grid.losses());
        return grid.stepSize() == null ? b.build() : b.stepSize(grid.stepSize()).build();
    }

    /** picocli's converter: one clear line for an unknown name. */
    static final class Converter implements CommandLine.ITypeConverter<AttackName> {
        @Override
        public AttackName convert(String value) {
            try {
                String name = value.trim();
                // plain "pgd" has always meant PGD-L2
                return Ids.parse(values(), AttackName::id, name.equalsIgnoreCase("pgd") ? "pgd-l2" : name, "attack",
                        choices());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** @return the names in words */
    static String choices() {
        return Arrays.stream(values()).map(AttackName::id).collect(Collectors.joining(", "));
    }
}
