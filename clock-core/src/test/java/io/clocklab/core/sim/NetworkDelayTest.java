package io.clocklab.core.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class NetworkDelayTest {

    @Test
    void aFixedDelayIsAlwaysTheSameAndDrawsNothing() {
        SplittableRandom network = new SplittableRandom(7);
        NetworkDelay delay = NetworkDelay.fixed(Duration.ofMillis(3));
        assertThat(delay.isFixed()).isTrue();
        assertThat(delay.drawNanos(network)).isEqualTo(3_000_000);
        assertThat(network.nextLong()).isEqualTo(new SplittableRandom(7).nextLong());
    }

    @Test
    void drawsStayWithinBothEnds() {
        SplittableRandom network = new SplittableRandom(7);
        NetworkDelay delay = NetworkDelay.between(Duration.ofNanos(10), Duration.ofNanos(12));
        long[] draws = LongStream.range(0, 1000).map(i -> delay.drawNanos(network)).toArray();
        assertThat(draws).containsOnly(10, 11, 12).contains(10, 11, 12);
    }

    @Test
    void rejectsANegativeMinimum() {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkDelay.between(Duration.ofMillis(-1), Duration.ZERO))
                .withMessage("networkDelay.min must not be negative, got PT-0.001S");
    }

    @Test
    void rejectsAMinimumAboveTheMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkDelay.between(Duration.ofMillis(2), Duration.ofMillis(1)))
                .withMessage("networkDelay.min (PT0.002S) must not be greater than networkDelay.max (PT0.001S)");
    }

    @Test
    void rejectsAMaximumAboveADay() {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkDelay.fixed(Duration.ofDays(2)))
                .withMessage("networkDelay.max must be at most PT24H, got PT48H");
    }

    @Test
    void rejectsMissingEnds() {
        assertThatNullPointerException().isThrownBy(() -> NetworkDelay.between(null, Duration.ZERO))
                .withMessage("networkDelay.min");
    }
}
