package io.clocklab.core.log;

import io.clocklab.core.model.Checkpoint;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecoveredStateTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    private static Message from(String sender, long seq, long clock) {
        return new Message("r", sender, sender + "-" + seq, clock);
    }

    /** vm1's log: internal, send to vm2, receive vm2-3, send to both, receive vm3-1, receive vm2-7, internal. */
    private static final List<Event> LOG = List.of(
            Event.internal(1, "vm1", T, 1, 0),
            Event.send(2, "vm1", T, 2, 0, List.of("vm2"), "vm1-2"),
            Event.receive(3, "vm1", T, 10, 1, from("vm2", 3, 9)),
            Event.send(4, "vm1", T, 11, 1, List.of("vm2", "vm3"), "vm1-4"),
            Event.receive(5, "vm1", T, 12, 1, from("vm3", 1, 1)),
            Event.receive(6, "vm1", T, 13, 0, from("vm2", 7, 12)),
            Event.internal(7, "vm1", T, 14, 0));

    @Test
    void theCheckpointIsTheLastSeqAndClockAndTheRollsDrawn() {
        RecoveredState state = RecoveredState.of("r", "vm1", LOG);
        assertThat(state.checkpoint()).isEqualTo(new Checkpoint(7, 14, 4));
    }

    @Test
    void perSenderTheHighestSendSeqReceived() {
        assertThat(RecoveredState.of("r", "vm1", LOG).receivedUpTo()).isEqualTo(Map.of("vm2", 7L, "vm3", 1L));
    }

    @Test
    void perPeerEveryMessageSentThereInOrder() {
        RecoveredState state = RecoveredState.of("r", "vm1", LOG);
        assertThat(state.sentTo().get("vm2")).containsExactly(new Message("r", "vm1", "vm1-2", 2), new Message("r", "vm1", "vm1-4", 11));
        assertThat(state.sentTo().get("vm3")).containsExactly(new Message("r", "vm1", "vm1-4", 11));
    }

    @Test
    void withoutMessagesOnlyTheHighestSendSeqPerPeerIsKept() {
        RecoveredState.Reader reader = RecoveredState.reader("r", "vm1").withoutMessages();
        LOG.forEach(reader::add);
        RecoveredState state = reader.state();
        assertThat(state.sentTo()).isEmpty();
        assertThat(reader.sentUpTo()).isEqualTo(Map.of("vm2", 4L, "vm3", 4L));
        assertThat(state.checkpoint()).isEqualTo(new Checkpoint(7, 14, 4));
        assertThat(state.receivedUpTo()).isEqualTo(Map.of("vm2", 7L, "vm3", 1L));
    }

    @Test
    void anEmptyLogIsTheStart() {
        RecoveredState state = RecoveredState.of("r", "vm1", List.of());
        assertThat(state.checkpoint()).isEqualTo(Checkpoint.START);
        assertThat(state.receivedUpTo()).isEmpty();
        assertThat(state.sentTo()).isEmpty();
    }

    @Test
    void aLogThatDoesNotHoldTogetherIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RecoveredState.of("r", "vm1", List.of(Event.internal(2, "vm1", T, 1, 0))))
                .withMessageContaining("expected seq 1");
        assertThatIllegalArgumentException().isThrownBy(() -> RecoveredState.of("r", "vm1", List.of(Event.internal(1, "vm2", T, 1, 0))))
                .withMessageContaining("not vm1's");
        assertThatIllegalArgumentException().isThrownBy(() -> RecoveredState.of("r", "vm1",
                List.of(Event.internal(1, "vm1", T, 5, 0), Event.internal(2, "vm1", T, 5, 0)))).withMessageContaining("does not increase");
        assertThatIllegalArgumentException().isThrownBy(() -> RecoveredState.of("r", "vm1",
                List.of(Event.receive(1, "vm1", T, 5, 0, new Message("r", "vm2", "vm3-1", 4))))).withMessageContaining("not from vm2");
        assertThatIllegalArgumentException().isThrownBy(() -> RecoveredState.of("r", "vm1",
                List.of(Event.send(1, "vm1", T, 1, 0, List.of("vm2"), "vm1-9")))).withMessageContaining("a SEND's id is vm1-1");
    }
}
