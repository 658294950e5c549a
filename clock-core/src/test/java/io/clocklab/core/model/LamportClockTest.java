package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LamportClockTest {

    @Test
    void startsAtZero() {
        assertThat(new LamportClock().value()).isZero();
    }

    @Test
    void tickAddsOne() {
        LamportClock clock = new LamportClock();
        clock.tick();
        assertThat(clock.tick()).isEqualTo(2);
    }

    @Test
    void receiveOfALargerClockJumpsPastIt() {
        LamportClock clock = new LamportClock();
        clock.tick();
        assertThat(clock.receive(41)).isEqualTo(42);
    }

    @Test
    void receiveOfASmallerClockStillAddsOne() {
        LamportClock clock = new LamportClock();
        for (int i = 0; i < 10; i++) {
            clock.tick();
        }
        assertThat(clock.receive(3)).isEqualTo(11);
    }

    @Test
    void receiveOfAnEqualClockAddsOne() {
        LamportClock clock = new LamportClock();
        clock.receive(5);
        assertThat(clock.receive(6)).isEqualTo(7);
    }

    @Test
    void afterReceivingTheCeilingTheClockIsTheCeilingPlusItsOwnEventsAndNeverOverflows() {
        LamportClock clock = new LamportClock();
        clock.tick();
        assertThat(clock.receive(LamportClock.MAX_MESSAGE_CLOCK)).isEqualTo(LamportClock.MAX_MESSAGE_CLOCK + 1);
        long events = 1_000_000;
        for (long i = 1; i < events; i++) {
            clock.tick();
        }
        assertThat(clock.value()).isEqualTo(LamportClock.MAX_MESSAGE_CLOCK + events).isPositive();
        // every accepted message is at most the ceiling, so at most (ceiling + own events) whatever comes
        assertThat(clock.receive(LamportClock.MAX_MESSAGE_CLOCK)).isEqualTo(LamportClock.MAX_MESSAGE_CLOCK + events + 1);
        assertThat(Long.MAX_VALUE - LamportClock.MAX_MESSAGE_CLOCK).as("room left: 2^62 - 1 more events")
                .isEqualTo((1L << 62) - 1);
    }

    @Test
    void onlyClocksFromZeroToTheCeilingAreAcceptable() {
        assertThat(LamportClock.acceptable(0)).isTrue();
        assertThat(LamportClock.acceptable(LamportClock.MAX_MESSAGE_CLOCK)).isTrue();
        assertThat(LamportClock.acceptable(LamportClock.MAX_MESSAGE_CLOCK + 1)).isFalse();
        assertThat(LamportClock.acceptable(Long.MAX_VALUE)).isFalse();
        assertThat(LamportClock.acceptable(-1)).isFalse();
    }
}
