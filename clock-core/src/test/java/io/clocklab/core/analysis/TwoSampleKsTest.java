package io.clocklab.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TwoSampleKsTest {

    @Test
    void identicalSamplesHaveNoGap() {
        assertThat(TwoSampleKs.statistic(new long[]{1, 2, 2, 5}, new long[]{5, 2, 1, 2})).isZero();
    }

    @Test
    void disjointSamplesHaveTheLargestGap() {
        assertThat(TwoSampleKs.statistic(new long[]{1, 1, 2}, new long[]{7, 8})).isEqualTo(1.0);
    }

    @Test
    void tiedValuesAreStepsOfTheDistributionNotSeparatePoints() {
        // F_a(1) = 1/2, F_b(1) = 1/4, F_a(2) = 1, F_b(2) = 1: the gap is 1/4, reached at 1
        assertThat(TwoSampleKs.statistic(new long[]{1, 2}, new long[]{1, 2, 2, 2})).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void twoSeededDrawsOfOneDistributionPassAndAShiftedOneFails() {
        SplittableRandom random = new SplittableRandom(11);
        long[] a = random.ints(2000, 1, 7).asLongStream().toArray();
        long[] b = random.ints(2000, 1, 7).asLongStream().toArray();
        long[] shifted = random.ints(2000, 2, 8).asLongStream().toArray();
        double critical = TwoSampleKs.criticalValue(2000, 2000, 0.001);

        assertThat(TwoSampleKs.statistic(a, b)).isLessThan(critical);
        assertThat(TwoSampleKs.statistic(a, shifted)).isGreaterThan(critical);
    }

    @Test
    void theCriticalValueIsTheAsymptoticFormula() {
        assertThat(TwoSampleKs.criticalValue(100, 100, 0.05)).isCloseTo(1.358 * Math.sqrt(0.02), within(1e-3));
    }

    @Test
    void emptySamplesAreRefused() {
        assertThatThrownBy(() -> TwoSampleKs.statistic(new long[0], new long[]{1})).hasMessageContaining("0 and 1");
    }
}
