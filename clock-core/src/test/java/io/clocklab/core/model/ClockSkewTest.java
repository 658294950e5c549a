package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockSkewTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void noSkewReadsTheTimeItself() {
        Instant at = ORIGIN.plusMillis(1234);
        assertThat(ClockSkew.NONE.apply(at, ORIGIN)).isSameAs(at);
    }

    @Test
    void anOffsetShiftsEveryReadingAndADriftGrowsWithTheTimeSinceTheOrigin() {
        assertThat(new ClockSkew(40, 0).apply(ORIGIN.plusSeconds(10), ORIGIN)).isEqualTo(ORIGIN.plusSeconds(10).plusMillis(40));
        assertThat(new ClockSkew(-40, 0).apply(ORIGIN, ORIGIN)).isEqualTo(ORIGIN.minusMillis(40));
        // 200 ppm: 200 µs per second
        assertThat(new ClockSkew(0, 200).apply(ORIGIN.plusSeconds(1), ORIGIN)).isEqualTo(ORIGIN.plusSeconds(1).plusNanos(200_000));
        assertThat(new ClockSkew(10, -500).apply(ORIGIN.plusSeconds(100), ORIGIN))
                .isEqualTo(ORIGIN.plusSeconds(100).plusMillis(10).minusMillis(50));
        assertThat(new ClockSkew(0, 1000).offsetNanos(Duration.ofMillis(1))).isEqualTo(1000);
    }

    @Test
    void epsilonIsTheWidestGapBetweenTwoClocks() {
        assertThat(ClockSkew.epsilonMillis(List.of(new ClockSkew(40, 0), ClockSkew.NONE), Duration.ofSeconds(60))).isEqualTo(40);
        assertThat(ClockSkew.epsilonMillis(List.of(new ClockSkew(40, 0), new ClockSkew(-25, 0), ClockSkew.NONE), Duration.ofSeconds(60)))
                .isEqualTo(65);
        assertThat(ClockSkew.epsilonMillis(List.of(ClockSkew.NONE, ClockSkew.NONE), Duration.ofHours(1))).isZero();
        assertThat(ClockSkew.epsilonMillis(List.of(), Duration.ofHours(1))).isZero();
        assertThat(ClockSkew.epsilonMillis(List.of(new ClockSkew(200, 0)), Duration.ofHours(1))).as("one clock has no gap").isZero();
    }

    @Test
    void driftMakesTheGapWidestAtTheEnd() {
        // 10 ms apart at the start, drifting apart by 1000 ppm: 10 - 100 = -90 ms after 100 s
        List<ClockSkew> skews = List.of(new ClockSkew(10, -500), new ClockSkew(0, 500));
        assertThat(ClockSkew.epsilonMillis(skews, Duration.ofSeconds(100))).isEqualTo(90);
        assertThat(ClockSkew.epsilonMillis(skews, Duration.ofSeconds(10))).as("-0 ms at the end: the start's 10 is wider").isEqualTo(10);
        assertThat(ClockSkew.epsilonMillis(skews, Duration.ZERO)).isEqualTo(10);
    }

    @Test
    void epsilonIsRoundedUpToTheMillisecond() {
        assertThat(ClockSkew.epsilonMillis(List.of(new ClockSkew(0, 400), ClockSkew.NONE), Duration.ofSeconds(1))).as("0.4 ms").isEqualTo(1);
        assertThat(ClockSkew.epsilonMillis(List.of(new ClockSkew(0, 1000), ClockSkew.NONE), Duration.ofSeconds(3))).as("3 ms").isEqualTo(3);
    }

    @Test
    void theGapBetweenTwoReadingsAtTheSameInstantNeverPassesEpsilon() {
        List<ClockSkew> skews = List.of(new ClockSkew(-150, 420.5), new ClockSkew(80, -333.3), new ClockSkew(0, 0));
        Duration length = Duration.ofSeconds(1200);
        long epsilon = ClockSkew.epsilonMillis(skews, length);
        for (long ms = 0; ms <= length.toMillis(); ms += 997) {
            Instant now = ORIGIN.plusMillis(ms);
            List<Instant> read = skews.stream().map(skew -> skew.apply(now, ORIGIN)).toList();
            Instant most = read.stream().max(Instant::compareTo).orElseThrow();
            Instant least = read.stream().min(Instant::compareTo).orElseThrow();
            assertThat(Duration.between(least, most)).isLessThanOrEqualTo(Duration.ofMillis(epsilon));
        }
        // 230 ms at the start; at the end -150 + 504.6 against 80 - 399.96: 674.56 ms, rounded up
        assertThat(epsilon).isEqualTo(675);
    }

    @Test
    void badValuesAreRefusedNamingEachOne() {
        assertThatThrownBy(() -> new ClockSkew(3_600_001, 100_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offsetMillis must be between -3600000 and 3600000, got 3600001; driftPpm must be between -100000 and 100000, got 100001.0");
        assertThatThrownBy(() -> new ClockSkew(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("driftPpm must be between -100000 and 100000, got NaN");
        assertThat(ClockSkew.problems(-3_600_000, -100_000)).isEmpty();
    }
}
