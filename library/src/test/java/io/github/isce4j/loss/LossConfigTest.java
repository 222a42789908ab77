package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.isce4j.InvalidSetting;
import io.github.isce4j.model.DecisionRule;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The typed loss configurations: defaults, checks, descriptions, JSON form, and the head and loss each builds. */
class LossConfigTest {

    private static final Gson GSON = new Gson();

    @ParameterizedTest
    @EnumSource(LossName.class)
    void everyLossTrainsItsHeadInFloat32AndGivesKLogits(LossName name) {
        LossConfig config = LossConfig.of(name);
        try (NDManager m = NDManager.newBaseManager()) {
            Block head = config.head(10);
            head.initialize(m, DataType.FLOAT32, new Shape(1, 12));
            NDArray h = m.randomNormal(new Shape(8, 12));
            NDArray y = m.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7});
            h.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList z = head.forward(new ParameterStore(m, false), new NDList(h), true);
                NDList predictions = new NDList(z.head(), h);
                predictions.addAll(z.subNDList(1));
                NDArray loss = config.trainingLoss().evaluate(new NDList(y), predictions);
                assertThat(z.head().getShape()).isEqualTo(new Shape(8, 10));
                assertThat(loss.getShape()).isEqualTo(new Shape());
                assertThat(loss.getDataType()).as("loss type").isEqualTo(DataType.FLOAT32);
                assertThat(Float.isFinite(loss.getFloat())).isTrue();
                collector.backward(loss);
            }
            assertThat(h.getGradient().abs().sum().getFloat()).isPositive();
        }
    }

    @Test
    void defaultsAreThoseOfTheSpec() {
        assertThat(LossConfig.of(LossName.SCE)).isEqualTo(new SceConfig());
        assertThat(LossConfig.of(LossName.ISCE)).isEqualTo(new IsceConfig(1f, 0.1f, IsceVariant.PAPER));
        assertThat(LossConfig.of(LossName.LABEL_SMOOTHING)).isEqualTo(new LabelSmoothingConfig(0.1f));
        assertThat(LossConfig.of(LossName.CENTER)).isEqualTo(new CenterLossConfig(0.01f, 0.5f));
        assertThat(LossConfig.of(LossName.LGM)).isEqualTo(new LgmConfig(0.1f, 0.01f));
        assertThat(LossConfig.of(LossName.ARCFACE)).isEqualTo(new ArcFaceConfig(30f, 0.5f));
        assertThat(LossConfig.of(LossName.MMC)).isEqualTo(new MmcConfig(10f));
        assertThat(IsceConfig.paper(1f, 0.1f)).isEqualTo(IsceConfig.DEFAULT);
        assertThat(IsceConfig.code(2f, 0.3f).variant()).isEqualTo(IsceVariant.CODE);
    }

    @ParameterizedTest
    @EnumSource(LossName.class)
    void everyConfigurationNamesTheLossThatMadeIt(LossName name) {
        assertThat(LossConfig.of(name).name()).isEqualTo(name);
    }

    /** The texts the demo table and the README print; they must not change with the types. */
    @Test
    void descriptionsAreThoseOfEarlierVersions() {
        assertThat(LossName.values())
                .extracting(n -> LossConfig.of(n).describe())
                .containsExactly(
                        "sce",
                        "isce (paper variant, s=1.0, m=0.1)",
                        "label-smoothing (epsilon=0.1)",
                        "center (lambda=0.01, alpha=0.5)",
                        "lgm (alpha=0.1, lambda=0.01)",
                        "arcface (S=30.0, M=0.5)",
                        "mmc (C_MM=10.0)");
        assertThat(IsceConfig.code(2f, 0.3f).describe()).isEqualTo("isce (code variant, s=2.0, m=0.3)");
    }

    @Test
    void onlyIsceDeploysAnotherRuleThanPlainSoftmax() {
        for (LossName name : LossName.values()) {
            DecisionRule rule = LossConfig.of(name).decisionRule();
            assertThat(rule == DecisionRule.SOFTMAX).as(name.id()).isEqualTo(name != LossName.ISCE);
        }
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(
                        (Supplier<LossConfig>) () -> IsceConfig.paper(-1f, 0.1f),
                        "s must be a finite number > 0, got -1.0"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> IsceConfig.code(Float.NaN, 0.1f),
                        "s must be a finite number > 0, got NaN"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> IsceConfig.paper(1f, -0.3f),
                        "m must be a finite number >= 0, got -0.3"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> IsceConfig.paper(1f, Float.POSITIVE_INFINITY),
                        "m must be a finite number >= 0, got Infinity"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new LabelSmoothingConfig(1.5f),
                        "label_smoothing_epsilon must be in [0, 1], got 1.5"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new LabelSmoothingConfig(Float.NaN),
                        "label_smoothing_epsilon must be in [0, 1], got NaN"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new CenterLossConfig(-1f, 0.5f),
                        "center_lambda must be >= 0, got -1.0"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new CenterLossConfig(0.01f, 0f),
                        "center_alpha must be in (0, 1], got 0.0"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new CenterLossConfig(0.01f, 1.5f),
                        "center_alpha must be in (0, 1], got 1.5"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new LgmConfig(-1f, 0.01f), "lgm_alpha must be >= 0, got -1.0"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new LgmConfig(0.1f, Float.POSITIVE_INFINITY),
                        "lgm_lambda must be >= 0, got Infinity"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new ArcFaceConfig(0f, 0.5f), "arcface_s must be > 0, got 0.0"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new ArcFaceConfig(30f, 2f),
                        "arcface_m must be in [0, pi/2] radians, got 2.0"),
                Arguments.of(
                        (Supplier<LossConfig>) () -> new ArcFaceConfig(30f, -0.1f),
                        "arcface_m must be in [0, pi/2] radians, got -0.1"),
                Arguments.of((Supplier<LossConfig>) () -> new MmcConfig(0f), "mmc_c must be > 0, got 0.0"),
                Arguments.of((Supplier<LossConfig>) () -> new MmcConfig(Float.NaN), "mmc_c must be > 0, got NaN"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void anInvalidSettingIsRefusedNamingTheSettingNotAFlag(Supplier<LossConfig> config, String message) {
        assertThatThrownBy(config::get)
                .isExactlyInstanceOf(InvalidSetting.class)
                .hasMessage(message)
                .hasFieldOrPropertyWithValue("setting", message.substring(0, message.indexOf(' ')));
    }

    @Test
    void theEdgesOfEachRangeAreAccepted() {
        assertThat(IsceConfig.paper(1f, 0f).margin()).isZero();
        assertThat(new LabelSmoothingConfig(0f).epsilon()).isZero();
        assertThat(new LabelSmoothingConfig(1f).epsilon()).isEqualTo(1f);
        assertThat(new CenterLossConfig(0f, 1f).alpha()).isEqualTo(1f);
        assertThat(new LgmConfig(0f, 0f).lambda()).isZero();
        assertThat(new ArcFaceConfig(30f, 0f).m()).isZero();
        assertThat(new ArcFaceConfig(30f, 1.5707963f).m()).isEqualTo(1.5707963f);
    }

    static Stream<Arguments> jsonForms() {
        return Stream.of(
                Arguments.of(SceConfig.DEFAULT, "{\"loss\":\"sce\"}"),
                Arguments.of(
                        IsceConfig.code(2f, 0.3f), "{\"loss\":\"isce\",\"s\":2.0,\"m\":0.3,\"isce_variant\":\"code\"}"),
                Arguments.of(IsceConfig.DEFAULT, "{\"loss\":\"isce\",\"s\":1.0,\"m\":0.1,\"isce_variant\":\"paper\"}"),
                Arguments.of(
                        new LabelSmoothingConfig(0.2f),
                        "{\"loss\":\"label-smoothing\",\"label_smoothing_epsilon\":0.2}"),
                Arguments.of(
                        new CenterLossConfig(0.02f, 0.3f),
                        "{\"loss\":\"center\",\"center_lambda\":0.02,\"center_alpha\":0.3}"),
                Arguments.of(new LgmConfig(0.3f, 0.05f), "{\"loss\":\"lgm\",\"lgm_alpha\":0.3,\"lgm_lambda\":0.05}"),
                Arguments.of(
                        new ArcFaceConfig(16f, 0.35f), "{\"loss\":\"arcface\",\"arcface_s\":16.0,\"arcface_m\":0.35}"),
                Arguments.of(new MmcConfig(5f), "{\"loss\":\"mmc\",\"mmc_c\":5.0}"));
    }

    /** The keys are those config.json has always used, so older and newer run directories agree. */
    @ParameterizedTest
    @MethodSource("jsonForms")
    void eachConfigurationWritesItsSettingsUnderTheirConfigJsonNamesAndReadsThemBack(LossConfig config, String json) {
        assertThat(GSON.toJson(config.toJson())).isEqualTo(json);
        assertThat(LossConfig.fromJson(config.toJson())).isEqualTo(config);
        assertThat(LossConfig.fromJson(GSON.fromJson(json, JsonObject.class))).isEqualTo(config);
    }

    @Test
    void aSettingAbsentFromTheJsonTakesItsDefaultAndOtherLossesSettingsAreIgnored() {
        JsonObject json =
                GSON.fromJson("{\"loss\":\"arcface\",\"arcface_m\":0.35,\"s\":-5,\"mmc_c\":0}", JsonObject.class);
        assertThat(LossConfig.fromJson(json)).isEqualTo(new ArcFaceConfig(30f, 0.35f));
        assertThat(LossConfig.fromJson(GSON.fromJson("{\"loss\":\"isce\"}", JsonObject.class)))
                .isEqualTo(IsceConfig.DEFAULT);
    }

    @Test
    void jsonWithoutALossOrWithAnInvalidSettingIsRefused() {
        assertThatThrownBy(() -> LossConfig.fromJson(GSON.fromJson("{\"s\":1.0}", JsonObject.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"loss\"");
        assertThatThrownBy(
                        () -> LossConfig.fromJson(GSON.fromJson("{\"loss\":\"mmc\",\"mmc_c\":-2}", JsonObject.class)))
                .isInstanceOf(InvalidSetting.class)
                .hasMessage("mmc_c must be > 0, got -2.0");
    }
}
