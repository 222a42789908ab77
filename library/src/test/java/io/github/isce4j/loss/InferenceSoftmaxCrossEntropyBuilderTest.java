package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isce4j.InvalidSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InferenceSoftmaxCrossEntropyBuilderTest {

    @Test
    void defaultsAreThePapersSettings() {
        InferenceSoftmaxCrossEntropy loss =
                InferenceSoftmaxCrossEntropy.builder().build();
        assertThat(loss.scale()).isEqualTo(1.0);
        assertThat(loss.margin()).isEqualTo(0.1);
        assertThat(loss.variant()).isEqualTo(IsceVariant.PAPER);
        assertThat(loss.getName()).isEqualTo("InferenceSoftmaxCrossEntropy");
        assertThat(loss).hasToString("I-SCE(s=1.0, m=0.1, variant=PAPER)");
    }

    @Test
    void keepsWhatItIsGiven() {
        InferenceSoftmaxCrossEntropy loss = InferenceSoftmaxCrossEntropy.builder()
                .optScale(2)
                .optMargin(0)
                .optVariant(IsceVariant.CODE)
                .build();
        assertThat(loss.scale()).isEqualTo(2.0);
        assertThat(loss.margin()).isZero();
        assertThat(loss.variant()).isEqualTo(IsceVariant.CODE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsAScaleThatIsNotAFinitePositiveNumber(double s) {
        assertThatThrownBy(
                        () -> InferenceSoftmaxCrossEntropy.builder().optScale(s).build())
                .isExactlyInstanceOf(InvalidSetting.class)
                .hasFieldOrPropertyWithValue("setting", "s")
                .hasMessageStartingWith("s must be a finite number > 0")
                .hasMessageContaining("got " + s)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, -1e-9, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAMarginThatIsNotAFiniteNonNegativeNumber(double m) {
        assertThatThrownBy(() ->
                        InferenceSoftmaxCrossEntropy.builder().optMargin(m).build())
                .isExactlyInstanceOf(InvalidSetting.class)
                .hasFieldOrPropertyWithValue("setting", "m")
                .hasMessageStartingWith("m must be a finite number >= 0")
                .hasMessageContaining("got " + m)
                .hasMessageNotContaining("\n");
    }

    @Test
    void rejectsANullVariant() {
        assertThatThrownBy(() -> InferenceSoftmaxCrossEntropy.builder().optVariant(null))
                .isInstanceOf(NullPointerException.class);
    }
}
