package io.clocklab.coordinator.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How far ahead of the VMs' set-up a run's common start is put. */
class StartLeadTest {

    private static final Duration LEAST = Duration.ofMillis(500);
    private static final Instant BEGAN = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aQuickSetUpStartsTheLeastLeadAfterIt() {
        Instant ended = BEGAN.plusMillis(40);

        assertThat(RunService.startAfterSetUp(LEAST, BEGAN, ended)).isEqualTo(ended.plus(LEAST));
    }

    @Test
    void aSlowSetUpStartsHalfAsLongAgainAsItTookAfterIt() {
        Instant ended = BEGAN.plusSeconds(4);

        assertThat(RunService.startAfterSetUp(LEAST, BEGAN, ended)).isEqualTo(ended.plusSeconds(6));
    }

    @Test
    void aSetUpOfTwoThirdsOfTheLeastLeadIsWhereTheTwoMeet() {
        Instant ended = BEGAN.plus(LEAST.multipliedBy(2).dividedBy(3));

        assertThat(RunService.startAfterSetUp(LEAST, BEGAN, ended)).isEqualTo(ended.plus(LEAST));
    }
}
