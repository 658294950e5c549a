package io.clocklab.core.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ConfidenceIntervalTest {

    @Test
    void twoValuesUseTwelvePointSevenStandardErrors() {
        // mean 2, s = sqrt(2), s / sqrt(2) = 1
        Estimate estimate = ConfidenceInterval.of(1, 3);

        assertThat(estimate.n()).isEqualTo(2);
        assertThat(estimate.mean()).isEqualTo(2);
        assertThat(estimate.low()).isCloseTo(2 - 12.706, within(1e-9));
        assertThat(estimate.high()).isCloseTo(2 + 12.706, within(1e-9));
    }

    @Test
    void fiveValuesMatchAWorkedExample() {
        // 2, 4, 4, 4, 6: mean 4, s = sqrt(8/4) = 1.414..., t(4) = 2.776 -> +- 1.7557
        Estimate estimate = ConfidenceInterval.of(2, 4, 4, 4, 6);

        assertThat(estimate.high() - estimate.mean()).isCloseTo(2.776 * Math.sqrt(2) / Math.sqrt(5), within(1e-9));
    }

    @Test
    void oneValueIsItsOwnInterval() {
        assertThat(ConfidenceInterval.of(7.5)).isEqualTo(new Estimate(1, 7.5, 7.5, 7.5));
    }

    @Test
    void equalValuesHaveNoSpread() {
        assertThat(ConfidenceInterval.of(3, 3, 3)).isEqualTo(new Estimate(3, 3, 3, 3));
    }

    @Test
    void noValuesIsAClearError() {
        assertThatIllegalArgumentException().isThrownBy(ConfidenceInterval::of).withMessageContaining("at least one value");
    }

    @Test
    void notANumberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConfidenceInterval.of(1, Double.NaN)).withMessageContaining("finite");
    }

    @Test
    void tValuesComeFromTheTableThenApproachTheNormal() {
        assertThat(StudentT.criticalValue95(1)).isEqualTo(12.706);
        assertThat(StudentT.criticalValue95(30)).isEqualTo(2.042);
        assertThat(StudentT.criticalValue95(40)).isCloseTo(2.021, within(1e-9));
        assertThat(StudentT.criticalValue95(50)).isCloseTo(2.009, within(0.002));
        assertThat(StudentT.criticalValue95(120)).isCloseTo(1.980, within(1e-9));
        assertThat(StudentT.criticalValue95(1_000_000)).isCloseTo(1.960, within(1e-4));
        for (int df = 1; df < 500; df++) {
            assertThat(StudentT.criticalValue95(df + 1)).isLessThanOrEqualTo(StudentT.criticalValue95(df));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> StudentT.criticalValue95(0));
    }
}
