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
}
