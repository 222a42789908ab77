package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import io.github.isce4j.UserError;
import io.github.isce4j.model.DecisionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LossConfigTest {

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
        assertThat(LossConfig.of(LossName.LABEL_SMOOTHING).smoothing()).isEqualTo(0.1f);
        LossConfig c = LossConfig.of(LossName.CENTER);
        assertThat(new float[] {c.centerWeight(), c.centerRate(), c.lgmMargin(), c.lgmWeight(), c.arcScale(), c.arcMargin(), c.mmcRadius()})
                .containsExactly(0.01f, 0.5f, 0.1f, 0.01f, 30f, 0.5f, 10f);
        assertThat(LossConfig.of(LossName.ARCFACE).describe()).isEqualTo("arcface (S=30.0, M=0.5)");
        assertThat(LossConfig.of(LossName.MMC).describe()).isEqualTo("mmc (C_MM=10.0)");
        assertThat(LossConfig.of(LossName.CENTER).describe()).isEqualTo("center (lambda=0.01, alpha=0.5)");
        assertThat(new LossConfig(LossName.ISCE, 1f, 0.1f, IsceVariant.PAPER)).isEqualTo(LossConfig.ISCE_DEFAULT);
    }

    @Test
    void onlyIsceDeploysAnotherRuleThanPlainSoftmax() {
        for (LossName name : LossName.values()) {
            DecisionRule rule = LossConfig.of(name).decisionRule();
            assertThat(rule == DecisionRule.SOFTMAX).as(name.id()).isEqualTo(name != LossName.ISCE);
        }
    }

    @Test
    void invalidSettingsOfTheChosenLossNameTheFlag() {
        assertThatThrownBy(() -> LossConfig.builder(LossName.LABEL_SMOOTHING).optSmoothing(1.5f).build())
                .isInstanceOf(UserError.class).hasMessageContaining("--ls-epsilon");
        assertThatThrownBy(() -> LossConfig.builder(LossName.LGM).optLgmMargin(-1f).build())
                .isInstanceOf(UserError.class).hasMessageContaining("--lgm-alpha");
        assertThatThrownBy(() -> LossConfig.builder(LossName.ARCFACE).optArcMargin(2f).build())
                .isInstanceOf(UserError.class).hasMessageContaining("--arcface-m");
        assertThatThrownBy(() -> LossConfig.builder(LossName.MMC).optMmcRadius(0f).build())
                .isInstanceOf(UserError.class).hasMessageContaining("--mmc-c");
        // Settings of losses not chosen are not checked.
        assertThat(LossConfig.builder(LossName.SCE).optMmcRadius(0f).build().name()).isEqualTo(LossName.SCE);
    }
}
