package io.github.isce4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Attack specifications: defaults, validation, labels, parts and their JSON form. */
class AttackSpecTest {

    private static final List<AttackSpec> ONE_OF_EACH = List.of(
            new FgsmSpec(Norm.LINF, 0.1),
            PgdSpec.l2(1.0)
                    .steps(50)
                    .target(TargetChoice.LEAST_LIKELY)
                    .restarts(3)
                    .randomStart(true)
                    .build(),
            PgdSpec.linf(0.03).stepSize(0.01).losses(AttackLoss.DLR).build(),
            new PaperProtocolSpec(0.02, 50, TargetChoice.RANDOM),
            new DeepFoolSpec(0.05, 20, 4),
            SimBaSpec.pixel()
                    .eps(0.1)
                    .queries(500)
                    .maxL2(3)
                    .target(TargetChoice.LEAST_LIKELY)
                    .build(),
            SimBaSpec.dct().build(),
            new RandomNoiseSpec(Norm.L2, 2),
            ApgdSpec.linf(0.1).loss(AttackLoss.DLR).targets(9).build(),
            ApgdSpec.l2(1.0).restarts(2).eotDraws(20).rho(0.5).build(),
            AutoAttackSpec.standard(Norm.LINF, 0.1),
            AutoAttackSpec.rand(Norm.L2, 1.0));

    @Test
    void everyKindReadsBackEqualFromItsJson() {
        for (AttackSpec spec : ONE_OF_EACH) {
            String json = AttackSpecJson.toJson(spec);
            assertThat(json).startsWith("{\"kind\":\"" + spec.kind() + "\"");
            assertThat(AttackSpecJson.fromJson(json)).as(json).isEqualTo(spec);
        }
    }

    @Test
    void jsonUsesTheCommandLineIds() {
        assertThat(AttackSpecJson.toJson(
                        PgdSpec.linf(0.1).target(TargetChoice.LEAST_LIKELY).build()))
                .contains(
                        "\"norm\":\"linf\"",
                        "\"target\":\"ll\"",
                        "\"losses\":[\"ce\",\"margin\"]",
                        "\"stepSize\":0.025");
    }

    @Test
    void storedSpecsAreValidatedLikeNewOnes() {
        assertThatThrownBy(
                        () -> AttackSpecJson.fromJson(
                                "{\"kind\":\"pgd\",\"norm\":\"l2\",\"eps\":-1,\"steps\":10,"
                                        + "\"stepSize\":0.1,\"randomStart\":false,\"restarts\":1,\"target\":\"none\",\"losses\":[\"ce\"]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eps must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> AttackSpecJson.fromJson("{\"kind\":\"hopskipjump\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown attack kind 'hopskipjump'");
        assertThatThrownBy(() -> AttackSpecJson.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreTheCustomaryOnes() {
        PgdSpec pgd = PgdSpec.l2(1.0).build();
        assertThat(pgd.steps()).isEqualTo(10);
        assertThat(pgd.stepSize()).isEqualTo(0.25); // 2.5·eps/steps
        assertThat(pgd.losses()).containsExactly(AttackLoss.CE, AttackLoss.MARGIN);
        assertThat(pgd.target()).isEqualTo(TargetChoice.NONE);
        assertThat(pgd.restarts()).isEqualTo(1);
        assertThat(pgd.randomStart()).isFalse();
        SimBaSpec simba = SimBaSpec.dct().build();
        assertThat(simba.eps()).isEqualTo(0.2);
        assertThat(simba.maxQueries()).isEqualTo(300);
        assertThat(simba.maxL2()).isInfinite();
        assertThat(new DeepFoolSpec()).isEqualTo(new DeepFoolSpec(0.02, 50, 10));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> PgdSpec.l2(-1).build()).hasMessage("eps must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> PgdSpec.l2(1e20 * 1e300).build()).hasMessageContaining("eps must be finite");
        assertThatThrownBy(() -> PgdSpec.l2(1).steps(0).build()).hasMessage("steps must be >= 1, got 0");
        assertThatThrownBy(() -> PgdSpec.l2(1).restarts(0).build()).hasMessage("restarts must be >= 1, got 0");
        assertThatThrownBy(() -> PgdSpec.l2(1).losses(List.of()).build())
                .hasMessageContaining("at least one attack loss");
        assertThatThrownBy(
                        () -> PgdSpec.l2(1).losses(AttackLoss.CE, AttackLoss.CE).build())
                .hasMessageContaining("attack losses repeat");
        assertThatThrownBy(() -> SimBaSpec.dct().queries(0).build()).hasMessage("queries must be >= 1, got 0");
        assertThatThrownBy(() -> new DeepFoolSpec(0.02, 50, 1)).hasMessage("candidates must be >= 2, got 1");
        assertThatThrownBy(() -> new PaperProtocolSpec(0.02, 0, TargetChoice.NONE))
                .hasMessage("steps must be >= 1, got 0");
    }

    @Test
    void labelsSayEverySettingThatDiffersFromTheDefault() {
        assertThat(PgdSpec.l2(0.5).build().label()).isEqualTo("pgd-l2 eps=0.5 steps=10 loss=ce+margin");
        assertThat(PgdSpec.l2(1.0)
                        .steps(50)
                        .target(TargetChoice.LEAST_LIKELY)
                        .build()
                        .label())
                .isEqualTo("pgd-l2 eps=1.0 steps=50 target=ll loss=ce+margin");
        assertThat(PgdSpec.linf(0.1)
                        .stepSize(0.01)
                        .restarts(5)
                        .randomStart(true)
                        .losses(AttackLoss.DLR)
                        .build()
                        .label())
                .isEqualTo("pgd-linf eps=0.1 steps=10 step=0.01 loss=dlr restarts=5 random-start");
        assertThat(new PaperProtocolSpec(0.04, 50, TargetChoice.LEAST_LIKELY).label())
                .isEqualTo("paper-protocol eps=0.04 steps=50 target=ll");
        assertThat(SimBaSpec.dct().build().label()).isEqualTo("simba-dct eps=0.2 queries=300");
        assertThat(new DeepFoolSpec().label()).isEqualTo("deepfool overshoot=0.02");
        // distinct specs, distinct labels
        assertThat(ONE_OF_EACH.stream().map(AttackSpec::label).distinct()).hasSize(ONE_OF_EACH.size());
    }

    @Test
    void apgdAndAutoAttackHaveAutoAttacksSettings() {
        ApgdSpec ce = ApgdSpec.linf(0.1).build();
        assertThat(ce).isEqualTo(new ApgdSpec(Norm.LINF, 0.1, 100, AttackLoss.CE, 0, 1, 1, 0.75));
        assertThat(ce.label()).isEqualTo("apgd-ce-linf eps=0.1 iterations=100");
        assertThat(ApgdSpec.l2(1).loss(AttackLoss.DLR).targets(9).build().label())
                .isEqualTo("apgd-t-l2 eps=1.0 iterations=100 targets=9");
        assertThat(ApgdSpec.l2(1).targets(3).build().name()).isEqualTo("apgd-t-ce");
        assertThat(ApgdSpec.l2(1).loss(AttackLoss.DLR).eotDraws(20).build().label())
                .isEqualTo("apgd-dlr-l2 eps=1.0 iterations=100 eot=20");

        AutoAttackSpec standard = AutoAttackSpec.standard(Norm.LINF, 0.1);
        assertThat(standard.label()).isEqualTo("autoattack-linf eps=0.1");
        assertThat(standard.cascade()).isTrue();
        assertThat(standard.parts()).isEqualTo(standard.stages());
        assertThat(standard.stages().subList(0, 2))
                .containsExactly(
                        ce, ApgdSpec.linf(0.1).loss(AttackLoss.DLR).targets(9).build());
        assertThatThrownBy(standard::attack)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stage");
        AutoAttackSpec rand = AutoAttackSpec.rand(Norm.L2, 0.5);
        assertThat(rand.label()).isEqualTo("autoattack-rand-l2 eps=0.5");
        assertThat(rand.stages())
                .containsExactly(
                        ApgdSpec.l2(0.5).eotDraws(20).build(),
                        ApgdSpec.l2(0.5).loss(AttackLoss.DLR).eotDraws(20).build());
        assertThat(AttackSpecJson.toJson(standard))
                .isEqualTo("{\"kind\":\"autoattack\",\"version\":\"standard\",\"norm\":\"linf\",\"eps\":0.1}");

        assertThatThrownBy(() -> ApgdSpec.l2(1).loss(AttackLoss.MARGIN).build())
                .hasMessage("loss must be ce or dlr for APGD, got MARGIN");
        assertThatThrownBy(() -> ApgdSpec.l2(1).iterations(0).build()).hasMessage("iterations must be >= 1, got 0");
        assertThatThrownBy(() -> ApgdSpec.l2(1).targets(-1).build()).hasMessageContaining("targets must be >= 0");
        assertThatThrownBy(() -> ApgdSpec.l2(1).eotDraws(0).build()).hasMessage("eot_draws must be >= 1, got 0");
        assertThatThrownBy(() -> ApgdSpec.l2(1).rho(1).build()).hasMessage("rho must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new AutoAttackSpec(null, Norm.L2, 1)).hasMessageContaining("version");
        assertThatThrownBy(() -> AutoAttackSpec.standard(Norm.L2, -1)).hasMessageContaining("eps must be finite");
    }

    @Test
    void aSpecWithSeveralLossesIsOneSingleLossPartPerLoss() {
        PgdSpec pgd = PgdSpec.l2(1.0)
                .losses(AttackLoss.CE, AttackLoss.MARGIN, AttackLoss.DLR)
                .build();
        assertThat(pgd.parts()).extracting(AttackSpec::partName).containsExactly("ce", "margin", "dlr");
        assertThat(pgd.parts().get(1))
                .isEqualTo(PgdSpec.l2(1.0).losses(AttackLoss.MARGIN).build());
        assertThatThrownBy(pgd::attack)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parts()");
        assertThat(pgd.parts().get(0).label()).isEqualTo("pgd-l2 eps=1.0 steps=10 loss=ce");
        assertThat(pgd.parts().get(0).attack()).isInstanceOf(ProjectedGradientDescent.class);
        assertThat(new DeepFoolSpec().parts()).containsExactly(new DeepFoolSpec());
        assertThat(new PaperProtocolSpec(0.02).protocol()).isEqualTo(Protocol.PAPER);
        assertThat(pgd.protocol()).isEqualTo(Protocol.BOUNDED);
    }

    @Test
    void theKindsAreTheRecordsAttackSpecPermits() {
        List<String> permitted = java.util.Arrays.stream(AttackSpec.class.getPermittedSubclasses())
                .map(AttackSpec::kindOf)
                .toList();
        assertThat(permitted)
                .containsExactly(
                        "fgsm",
                        "pgd",
                        "paper-protocol",
                        "deepfool",
                        "simba",
                        "noise",
                        "fab",
                        "square",
                        "apgd",
                        "autoattack");
        assertThat(AttackSpecJson.kinds()).containsExactlyElementsOf(permitted);
        ONE_OF_EACH.forEach(spec -> assertThat(spec.kind()).isEqualTo(AttackSpec.kindOf(spec.getClass())));
        assertThatThrownBy(() -> AttackSpecJson.fromJson("{\"kind\":\"hopskipjump\"}"))
                .hasMessageContaining("known: " + permitted);
    }

    @Test
    void aRefusedSettingNamesItselfAsTheCommandLineAndJsonDo() {
        assertThat(refused(() -> PgdSpec.l2(1).stepSize(-1).build())).isEqualTo("step_size");
        assertThat(refused(() -> PgdSpec.l2(1).steps(0).build())).isEqualTo("steps");
        assertThat(refused(() -> PgdSpec.l2(-1).build())).isEqualTo("eps");
        assertThat(refused(() -> SimBaSpec.dct().eps(0).build())).isEqualTo("simba_eps");
        assertThat(refused(() -> SimBaSpec.dct().queries(0).build())).isEqualTo("queries");
        assertThat(refused(() -> SquareSpec.l2(1).queries(0).build())).isEqualTo("queries");
        assertThat(refused(() -> new DeepFoolSpec(0.02, 0, 10))).isEqualTo("max_iterations");
        assertThat(refused(() -> ApgdSpec.l2(1).eotDraws(0).build())).isEqualTo("eot_draws");
        assertThat(refused(() -> FabSpec.targeted(Norm.L2).alphaMax(2).build())).isEqualTo("alpha_max");
        assertThat(refused(() -> new PaperProtocolSpec(-1))).isEqualTo("eps");
    }

    private static String refused(Runnable build) {
        try {
            build.run();
        } catch (io.github.isce4j.InvalidSetting e) {
            return e.setting();
        }
        throw new AssertionError("accepted");
    }

    /** The numbers the time estimates of {@code isce reproduce} were calibrated with. */
    @Test
    void gradientsPerImageAreTheTimeEstimatesRoughCounts() {
        assertThat(PgdSpec.l2(1).steps(50).restarts(2).build().gradientsPerImage())
                .isEqualTo(200);
        assertThat(new PaperProtocolSpec(0.02).gradientsPerImage()).isEqualTo(50);
        assertThat(new FgsmSpec(Norm.L2, 1).gradientsPerImage()).isEqualTo(2);
        assertThat(new DeepFoolSpec().gradientsPerImage()).isEqualTo(30);
        assertThat(SimBaSpec.dct().build().gradientsPerImage()).isEqualTo(100);
        assertThat(SimBaSpec.dct().queries(500).build().gradientsPerImage()).isEqualTo(500 / 3.0);
        for (AttackSpec flat : List.of(
                new RandomNoiseSpec(Norm.L2, 1),
                FabSpec.targeted(Norm.L2).build(),
                SquareSpec.l2(1).build(),
                ApgdSpec.l2(1).build())) {
            assertThat(flat.gradientsPerImage()).as(flat.label()).isEqualTo(100);
        }
        // AutoAttack standard as measured; rand: 2 stages × 100 iterations × 20 EOT draws
        assertThat(AutoAttackSpec.standard(Norm.L2, 1).gradientsPerImage()).isEqualTo(1_500);
        assertThat(AutoAttackSpec.rand(Norm.L2, 1).gradientsPerImage()).isEqualTo(4_000);
    }
}
