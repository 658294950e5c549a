package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of Kulkarni et al.'s figure 5, case by case. */
class HybridClockTest {

    @Test
    void aLocalEventAtALaterPhysicalTimeTakesItAndStartsCOver() {
        HybridClock clock = new HybridClock(new Hlc(10, 3));
        assertThat(clock.tick(12)).isEqualTo(new Hlc(12, 0));
        assertThat(clock.value()).isEqualTo(new Hlc(12, 0));
    }

    @Test
    void aLocalEventWhosePhysicalTimeHasNotPassedLCountsOnInC() {
        HybridClock clock = new HybridClock(new Hlc(10, 3));
        assertThat(clock.tick(10)).as("pt == l").isEqualTo(new Hlc(10, 4));
        assertThat(clock.tick(7)).as("pt < l: the physical clock is behind what the clock has heard of").isEqualTo(new Hlc(10, 5));
    }

    @Test
    void theFirstEventOfAFreshClockIsAtItsPhysicalTime() {
        assertThat(new HybridClock(Hlc.ZERO).tick(1_700_000_000_000L)).isEqualTo(new Hlc(1_700_000_000_000L, 0));
    }

    @Test
    void aReceiveWhenThePhysicalTimeIsAheadOfBothTakesItWithCZero() {
        HybridClock clock = new HybridClock(new Hlc(10, 2));
        assertThat(clock.receive(15, new Hlc(12, 7))).isEqualTo(new Hlc(15, 0));
    }

    @Test
    void aReceiveOfAMessageAheadOfEverythingTakesItsLAndItsCPlusOne() {
        HybridClock clock = new HybridClock(new Hlc(10, 2));
        assertThat(clock.receive(11, new Hlc(14, 5))).isEqualTo(new Hlc(14, 6));
    }

    @Test
    void aReceiveOfAMessageBehindTheClockCountsOnInTheClocksC() {
        HybridClock clock = new HybridClock(new Hlc(14, 2));
        assertThat(clock.receive(11, new Hlc(12, 9))).isEqualTo(new Hlc(14, 3));
    }

    @Test
    void aReceiveWhereClockAndMessageShareLTakesTheLargerCPlusOne() {
        assertThat(new HybridClock(new Hlc(14, 2)).receive(11, new Hlc(14, 9))).isEqualTo(new Hlc(14, 10));
        assertThat(new HybridClock(new Hlc(14, 9)).receive(11, new Hlc(14, 2))).isEqualTo(new Hlc(14, 10));
    }

    @Test
    void aPhysicalTimeEqualToTheLargestLDoesNotResetC() {
        // l == l' == m.l == pt: still the first case, max(c, m.c) + 1
        assertThat(new HybridClock(new Hlc(14, 2)).receive(14, new Hlc(14, 4))).isEqualTo(new Hlc(14, 5));
        // l == m.l == pt > l'
        assertThat(new HybridClock(new Hlc(10, 2)).receive(14, new Hlc(14, 4))).isEqualTo(new Hlc(14, 5));
        // l == l' == pt > m.l
        assertThat(new HybridClock(new Hlc(14, 2)).receive(14, new Hlc(9, 4))).isEqualTo(new Hlc(14, 3));
    }

    @Test
    void theClockOnlyEverMovesForwardInLThenC() {
        HybridClock clock = new HybridClock(Hlc.ZERO);
        Hlc previous = clock.value();
        long[][] steps = {{5, -1, -1}, {5, -1, -1}, {3, 9, 0}, {4, 9, 3}, {12, -1, -1}, {11, 12, 8}, {20, 15, 1}};
        for (long[] step : steps) {
            Hlc next = step[1] < 0 ? clock.tick(step[0]) : clock.receive(step[0], new Hlc(step[1], step[2]));
            assertThat(next.l() > previous.l() || (next.l() == previous.l() && next.c() > previous.c()))
                    .as("%s after %s", next, previous).isTrue();
            assertThat(next.l()).isGreaterThanOrEqualTo(step[0]);
            previous = next;
        }
    }

    @Test
    void aHybridTimeOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> new Hlc(-1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got l -1 and c 0");
        assertThatThrownBy(() -> new Hlc(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
