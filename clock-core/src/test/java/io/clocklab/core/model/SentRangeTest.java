package io.clocklab.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.control.DeliveryState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SentRangeTest {

    @Test
    void holdsTheSeqsAboveAfterUpToAndIncludingUpTo() {
        SentRange range = new SentRange(40, 43);

        assertThat(range.isEmpty()).isFalse();
        assertThat(List.of(40L, 41L, 43L, 44L)).map(range::contains).containsExactly(false, true, true, false);
        assertThat(new SentRange(43, 43).isEmpty()).isTrue();
        assertThat(new SentRange(50, 43).isEmpty()).as("a peer that confirmed more than was handed over").isTrue();
        assertThat(SentRange.NONE.contains(1)).isFalse();
        assertThat(new SentRange(0, 3).contains(-1)).as("not an id of this sender").isFalse();
    }

    @Test
    void aListOfIdsFromTheFirstToTheLastIsTheRangeJustBelowTheFirstToTheLast() {
        assertThat(SentRange.ofIds("vm-2", List.of("vm-2-7", "vm-2-9", "vm-2-12"))).isEqualTo(new SentRange(6, 12));
        assertThat(SentRange.ofIds("vm2", List.of())).isEqualTo(SentRange.NONE);
    }

    @Test
    void refusesIdsOfAnotherSenderAndNegativeSeqs() {
        assertThatThrownBy(() -> SentRange.ofIds("vm2", List.of("vm3-4"))).hasMessageContaining("vm3-4 is not vm2-<seq>");
        assertThatThrownBy(() -> new SentRange(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsJsonIsTheTwoSeqsAndAnOldListOfIdsReadsAsTheSameRange() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DeliveryState state = new DeliveryState("r", "vm1", List.of("vm2-3"), Map.of("vm2", new SentRange(39, 41)));

        String text = json.writeValueAsString(state);

        assertThat(text).isEqualTo("{\"runId\":\"r\",\"vm\":\"vm1\",\"queued\":[\"vm2-3\"],\"unconfirmed\":{\"vm2\":{\"after\":39,\"upTo\":41}}}");
        assertThat(json.readValue(text, DeliveryState.class)).isEqualTo(state);
        assertThat(json.readValue("[\"vm1-40\",\"vm1-41\"]", SentRange.class)).isEqualTo(new SentRange(39, 41));
        assertThat(json.readValue("[]", SentRange.class)).isEqualTo(SentRange.NONE);
    }
}
