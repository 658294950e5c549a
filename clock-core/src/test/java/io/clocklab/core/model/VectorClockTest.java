package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VectorClockTest {

    @Test
    void aLocalEventOrASendCountsOneMoreOwnEvent() {
        VectorClock clock = new VectorClock("vm1", VectorTime.EMPTY);
        assertThat(clock.tick()).isEqualTo(new VectorTime(Map.of("vm1", 1L)));
        assertThat(clock.tick()).isEqualTo(new VectorTime(Map.of("vm1", 2L)));
    }

    @Test
    void aReceiveTakesTheLargerCountOfEveryVmThenCountsItself() {
        VectorClock clock = new VectorClock("vm2", new VectorTime(Map.of("vm1", 1L, "vm2", 4L, "vm3", 2L)));
        VectorTime after = clock.receive(new VectorTime(Map.of("vm1", 3L, "vm2", 1L, "vm4", 5L)));
        assertThat(after).isEqualTo(new VectorTime(Map.of("vm1", 3L, "vm2", 5L, "vm3", 2L, "vm4", 5L)));
    }

    @Test
    void theFirstEventOfAReceiverNamesTheSenderAndItself() {
        VectorClock receiver = new VectorClock("vm2", VectorTime.EMPTY);
        VectorClock sender = new VectorClock("vm1", VectorTime.EMPTY);
        VectorTime sent = sender.tick();
        assertThat(receiver.receive(sent).counts()).containsExactly(Map.entry("vm1", 1L), Map.entry("vm2", 1L));
    }

    @Test
    void aSendHappenedBeforeItsReceiveAndConcurrentEventsAreNotOrdered() {
        VectorClock a = new VectorClock("a", VectorTime.EMPTY);
        VectorClock b = new VectorClock("b", VectorTime.EMPTY);
        VectorTime send = a.tick();
        VectorTime other = b.tick();
        VectorTime receive = b.receive(send);
        assertThat(send.atMost(receive)).isTrue();
        assertThat(receive.atMost(send)).isFalse();
        VectorTime later = a.tick();
        assertThat(later.atMost(receive) || receive.atMost(later)).as("concurrent").isFalse();
        assertThat(other.atMost(later) || later.atMost(other)).as("concurrent").isFalse();
    }

    @Test
    void valuesAreSnapshotsAndARestartedClockGoesOn() {
        VectorClock clock = new VectorClock("vm1", new VectorTime(Map.of("vm1", 7L, "vm2", 3L)));
        VectorTime before = clock.value();
        clock.tick();
        assertThat(before).isEqualTo(new VectorTime(Map.of("vm1", 7L, "vm2", 3L)));
        assertThat(clock.value().get("vm1")).isEqualTo(8);
    }

    @Test
    void aVectorTimeIsSparseKeyedInNameOrderAndRefusesZeroCounts() {
        VectorTime time = new VectorTime(Map.of("vm2", 1L, "vm10", 2L, "vm1", 3L));
        assertThat(time.counts().keySet()).containsExactly("vm1", "vm10", "vm2");
        assertThat(time.get("vm3")).isZero();
        assertThatThrownBy(() -> new VectorTime(Map.of("vm1", 0L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a vector clock's count for vm1 must be between 1 and " + LamportClock.MAX_MESSAGE_CLOCK + ", got 0");
    }
}
