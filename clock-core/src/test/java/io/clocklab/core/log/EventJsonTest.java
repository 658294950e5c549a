package io.clocklab.core.log;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventJsonTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00.120Z");

    @Test
    void aSendHasToAndMessageIdOnly() {
        assertThat(EventJson.toLine(Event.send(3, "vm1", AT, 7, 0, List.of("vm2", "vm3"), "vm1-3")))
                .isEqualTo("{\"seq\":3,\"vm\":\"vm1\",\"type\":\"SEND\",\"systemTime\":\"2026-11-21T10:00:00.120000Z\","
                        + "\"logicalClock\":7,\"queueLength\":0,\"to\":[\"vm2\",\"vm3\"],\"messageId\":\"vm1-3\"}");
    }

    @Test
    void aReceiveHasMessageIdFromAndMessageClock() {
        assertThat(EventJson.toLine(Event.receive(4, "vm1", AT, 12, 2, new Message("r", "vm2", "vm2-9", 11))))
                .isEqualTo("{\"seq\":4,\"vm\":\"vm1\",\"type\":\"RECEIVE\",\"systemTime\":\"2026-11-21T10:00:00.120000Z\","
                        + "\"logicalClock\":12,\"queueLength\":2,\"messageId\":\"vm2-9\",\"from\":\"vm2\",\"messageClock\":11}");
    }

    @Test
    void anInternalEventHasOnlyTheCommonFields() {
        assertThat(EventJson.toLine(Event.internal(1, "vm3", AT, 1, 0)))
                .isEqualTo("{\"seq\":1,\"vm\":\"vm3\",\"type\":\"INTERNAL\",\"systemTime\":\"2026-11-21T10:00:00.120000Z\","
                        + "\"logicalClock\":1,\"queueLength\":0}");
    }

    @Test
    void aWholeSecondStillHasItsFraction() {
        String line = EventJson.toLine(Event.internal(1, "vm3", Instant.parse("2026-11-21T10:00:00Z"), 1, 0));
        assertThat(line).contains("\"systemTime\":\"2026-11-21T10:00:00.000000Z\"");
    }

    @Test
    void everyTypeRoundTrips() {
        for (Event event : List.of(Event.internal(1, "vm3", AT, 1, 0),
                Event.send(2, "vm3", AT, 2, 0, List.of("vm1"), "vm3-2"),
                Event.receive(3, "vm3", AT, 9, 0, new Message("r", "vm1", "vm1-5", 8)))) {
            assertThat(EventJson.fromLine(EventJson.toLine(event))).isEqualTo(event);
        }
    }

    @Test
    void garbageIsNotAnEvent() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventJson.fromLine("{\"seq\":"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventJson.fromLine(
                "{\"seq\":1,\"vm\":\"v\",\"type\":\"INTERNAL\",\"systemTime\":\"yesterday\",\"logicalClock\":1,\"queueLength\":0}"));
    }
}
