package io.clocklab.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NiceScaleTest {

    @Test
    void coversTheDataWithRoundSteps() {
        NiceScale scale = NiceScale.of(0, 97, 6);
        assertThat(scale.ticks()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
        assertThat(scale.label(40)).isEqualTo("40");
    }

    @Test
    void smallRangesGetDecimalTicksWithoutFloatingNoise() {
        NiceScale scale = NiceScale.of(0, 0.3, 4);
        assertThat(scale.ticks()).containsExactly(0.0, 0.1, 0.2, 0.3);
        assertThat(scale.label(0.30000000000000004)).isEqualTo("0.3");
    }

    @Test
    void quarterStepsPrintTwoDecimals() {
        NiceScale scale = NiceScale.of(-0.1, 1.1, 6);
        assertThat(scale.step()).isEqualTo(0.25);
        assertThat(scale.min()).isEqualTo(-0.25);
        assertThat(scale.max()).isEqualTo(1.25);
        assertThat(scale.label(0.75)).isEqualTo("0.75");
    }

    @Test
    void aSingleValueStillGetsAnAxis() {
        assertThat(NiceScale.of(0, 0, 5).max()).isGreaterThan(0);
        NiceScale scale = NiceScale.of(50, 50, 5);
        assertThat(scale.min()).isLessThan(50);
        assertThat(scale.max()).isGreaterThan(50);
    }

    @Test
    void refusesNonFiniteRanges() {
        assertThatThrownBy(() -> NiceScale.of(0, Double.POSITIVE_INFINITY, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }
}
