package io.github.isce4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsceVariantTest {

    @Test
    void parsesBothNamesIgnoringCaseAndBlanks() {
        assertThat(IsceVariant.parse("paper")).isEqualTo(IsceVariant.PAPER);
        assertThat(IsceVariant.parse("code")).isEqualTo(IsceVariant.CODE);
        assertThat(IsceVariant.parse(" CODE ")).isEqualTo(IsceVariant.CODE);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "papers", "official", "1"})
    void rejectsAnythingElseSayingWhatIsAllowed(String name) {
        assertThatThrownBy(() -> IsceVariant.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'paper' or 'code'");
    }
}
