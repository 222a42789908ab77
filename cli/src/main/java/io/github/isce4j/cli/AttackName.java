package io.github.isce4j.cli;

import io.github.isce4j.Ids;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The attacks {@code --attack} names; each expands the command's grid of settings into specs. */
enum AttackName {
    PGD_L2("pgd-l2", Norm.L2),
    PGD_LINF("pgd-linf", Norm.LINF),
    FGSM_L2("fgsm-l2", Norm.L2),
    FGSM_LINF("fgsm-linf", Norm.LINF),
    DEEPFOOL("deepfool", null),
    SIMBA_PIXEL("simba-pixel", null),
    SIMBA_DCT("simba-dct", null),
    FAB_T_L2("fab-t-l2", Norm.L2),
    FAB_T_LINF("fab-t-linf", Norm.LINF),
    SQUARE_L2("square-l2", Norm.L2),
    SQUARE_LINF("square-linf", Norm.LINF),
    APGD_CE_L2("apgd-ce-l2", Norm.L2),
    APGD_CE_LINF("apgd-ce-linf", Norm.LINF),
    APGD_DLR_L2("apgd-dlr-l2", Norm.L2),
    APGD_DLR_LINF("apgd-dlr-linf", Norm.LINF),
    APGD_T_L2("apgd-t-l2", Norm.L2),
    APGD_T_LINF("apgd-t-linf", Norm.LINF),
    AUTOATTACK_L2("autoattack-l2", Norm.L2),
    AUTOATTACK_LINF("autoattack-linf", Norm.LINF),
    AUTOATTACK_RAND_L2("autoattack-rand-l2", Norm.L2),
    AUTOATTACK_RAND_LINF("autoattack-rand-linf", Norm.LINF);

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
     * @param grid the command line's settings
     * @return one spec per row group, in the order rows are printed
     */
    List<AttackSpec> specs(Grid grid) {
        // a switch expression: the compiler checks that every name is expanded
        return switch (this) {
            case PGD_L2, PGD_LINF -> pgdGrid(grid);
            case FGSM_L2, FGSM_LINF ->
                grid.eps().stream()
                        .<AttackSpec>map(e -> new FgsmSpec(norm, e, grid.losses()))
                        .toList();
            case DEEPFOOL -> List.of(new DeepFoolSpec());
            case SIMBA_PIXEL, SIMBA_DCT ->
                grid.targets().stream()
                        .<AttackSpec>map(target -> SimBaSpec.of(this == SIMBA_DCT ? SimBaBasis.DCT : SimBaBasis.PIXEL)
                                .eps(grid.simbaEps())
                                .queries(grid.queries() == null ? SimBaSpec.DEFAULT_QUERIES : grid.queries())
                                .target(target)
                                .build())
                        .toList();
            // One run of FAB-T's minimal points serves every budget.
            case FAB_T_L2, FAB_T_LINF -> List.of(FabSpec.targeted(norm).build());
            case SQUARE_L2, SQUARE_LINF ->
                grid.eps().stream()
                        .<AttackSpec>map(e -> SquareSpec.of(norm, e)
                                .queries(grid.queries() == null ? SquareSpec.DEFAULT_QUERIES : grid.queries())
                                .build())
                        .toList();
            case APGD_CE_L2, APGD_CE_LINF, APGD_DLR_L2, APGD_DLR_LINF, APGD_T_L2, APGD_T_LINF ->
                grid.eps().stream().<AttackSpec>map(e -> apgd(grid, e)).toList();
            case AUTOATTACK_L2, AUTOATTACK_LINF ->
                grid.eps().stream()
                        .<AttackSpec>map(e -> AutoAttackSpec.standard(norm, e))
                        .toList();
            case AUTOATTACK_RAND_L2, AUTOATTACK_RAND_LINF ->
                grid.eps().stream()
                        .<AttackSpec>map(e -> AutoAttackSpec.rand(norm, e))
                        .toList();
        };
    }

    /** PGD (or the paper protocol) for every target, step count and radius, in that nesting. */
    private List<AttackSpec> pgdGrid(Grid grid) {
        List<AttackSpec> specs = new ArrayList<>();
        for (TargetChoice target : grid.targets()) {
            for (int s : grid.steps()) {
                for (double e : grid.eps()) {
                    specs.add(
                            grid.protocol() == Protocol.PAPER
                                    ? new PaperProtocolSpec(e, s, target)
                                    : pgd(grid, e, s, target));
                }
            }
        }
        return specs;
    }

    /** APGD at AutoAttack's settings (100 iterations; APGD-T: targeted DLR, 9 targets), --restarts runs. */
    private ApgdSpec apgd(Grid grid, double eps) {
        ApgdSpec.Builder b = ApgdSpec.of(norm, eps).restarts(grid.restarts());
        return switch (this) {
            case APGD_DLR_L2, APGD_DLR_LINF -> b.loss(AttackLoss.DLR).build();
            case APGD_T_L2, APGD_T_LINF ->
                b.loss(AttackLoss.DLR).targets(ApgdSpec.DEFAULT_TARGETS).build();
            default -> b.build();
        };
    }

    private PgdSpec pgd(Grid grid, double eps, int steps, TargetChoice target) {
        PgdSpec.Builder b = PgdSpec.of(norm, eps)
                .steps(steps)
                .target(target)
                .randomStart(grid.randomStart())
                .restarts(grid.restarts())
                .losses(grid.losses());
        return grid.stepSize() == null ? b.build() : b.stepSize(grid.stepSize()).build();
    }

    /** picocli's converter: one clear line for an unknown name. */
    static final class Converter implements CommandLine.ITypeConverter<AttackName> {
        @Override
        public AttackName convert(String value) {
            try {
                String name = value.trim();
                // plain "pgd" has always meant PGD-L2
                return Ids.parse(
                        values(), AttackName::id, name.equalsIgnoreCase("pgd") ? "pgd-l2" : name, "attack", choices());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** @return the names in words */
    static String choices() {
        return Arrays.stream(values()).map(AttackName::id).collect(Collectors.joining(", "));
    }

    /**
     * The settings the command line gives, in one place. Build one with {@link #builder(List)};
     * unset settings keep the attacks' defaults.
     */
    static final class Grid {
        private final Protocol protocol;
        private final List<Double> eps;
        private final List<Integer> steps;
        private final List<TargetChoice> targets;
        private final List<AttackLoss> losses;
        private final Double stepSize;
        private final boolean randomStart;
        private final int restarts;
        private final Integer queries;
        private final double simbaEps;

        private Grid(Builder b) {
            this.protocol = b.protocol;
            this.eps = List.copyOf(b.eps);
            this.steps = List.copyOf(b.steps);
            this.targets = List.copyOf(b.targets);
            this.losses = List.copyOf(b.losses);
            this.stepSize = b.stepSize;
            this.randomStart = b.randomStart;
            this.restarts = b.restarts;
            this.queries = b.queries;
            this.simbaEps = b.simbaEps;
        }

        /**
         * @param eps radii (paper protocol: per-step size in the paper's units)
         * @return a builder with every other setting at its default
         */
        static Builder builder(List<Double> eps) {
            return new Builder(eps);
        }

        /** @return bounded or paper */
        Protocol protocol() {
            return protocol;
        }

        /** @return the radii (paper protocol: per-step size in the paper's units) */
        List<Double> eps() {
            return eps;
        }

        /** @return PGD's step counts */
        List<Integer> steps() {
            return steps;
        }

        /** @return the target choices */
        List<TargetChoice> targets() {
            return targets;
        }

        /** @return the attack losses of PGD and FGSM */
        List<AttackLoss> losses() {
            return losses;
        }

        /** @return PGD's step length, or null for its default */
        Double stepSize() {
            return stepSize;
        }

        /** @return whether PGD starts uniformly in the ball */
        boolean randomStart() {
            return randomStart;
        }

        /** @return PGD's and APGD's restarts */
        int restarts() {
            return restarts;
        }

        /** @return SimBA's or Square's budget, or null for each attack's default (300, 5,000) */
        Integer queries() {
            return queries;
        }

        /** @return SimBA's step */
        double simbaEps() {
            return simbaEps;
        }

        /** Collects the command line's settings. */
        static final class Builder {
            private final List<Double> eps;
            private Protocol protocol = Protocol.BOUNDED;
            private List<Integer> steps = List.of(PgdSpec.DEFAULT_STEPS);
            private List<TargetChoice> targets = List.of(TargetChoice.NONE);
            private List<AttackLoss> losses = PgdSpec.DEFAULT_LOSSES;
            private Double stepSize;
            private boolean randomStart;
            private int restarts = 1;
            private Integer queries;
            private double simbaEps = SimBaSpec.DEFAULT_EPS;

            private Builder(List<Double> eps) {
                this.eps = eps;
            }

            /**
             * @param protocol bounded or paper (default bounded)
             * @return this
             */
            Builder protocol(Protocol protocol) {
                this.protocol = protocol;
                return this;
            }

            /**
             * @param steps PGD's step counts (default 10)
             * @return this
             */
            Builder steps(List<Integer> steps) {
                this.steps = steps;
                return this;
            }

            /**
             * @param targets target choices (default untargeted)
             * @return this
             */
            Builder targets(List<TargetChoice> targets) {
                this.targets = targets;
                return this;
            }

            /**
             * @param losses attack losses of PGD and FGSM (default ce and margin)
             * @return this
             */
            Builder losses(List<AttackLoss> losses) {
                this.losses = losses;
                return this;
            }

            /**
             * @param stepSize PGD's step length, or null for its default 2.5·eps/steps
             * @return this
             */
            Builder stepSize(Double stepSize) {
                this.stepSize = stepSize;
                return this;
            }

            /**
             * @param randomStart whether PGD starts uniformly in the ball (default false)
             * @return this
             */
            Builder randomStart(boolean randomStart) {
                this.randomStart = randomStart;
                return this;
            }

            /**
             * @param restarts PGD's and APGD's restarts (default 1)
             * @return this
             */
            Builder restarts(int restarts) {
                this.restarts = restarts;
                return this;
            }

            /**
             * @param queries SimBA's or Square's budget, or null for each attack's default
             * @return this
             */
            Builder queries(Integer queries) {
                this.queries = queries;
                return this;
            }

            /**
             * @param simbaEps SimBA's step (default 0.2)
             * @return this
             */
            Builder simbaEps(double simbaEps) {
                this.simbaEps = simbaEps;
                return this;
            }

            /** @return the grid */
            Grid build() {
                return new Grid(this);
            }
        }
    }
}
