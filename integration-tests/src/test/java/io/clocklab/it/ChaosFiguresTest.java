package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ChaosIT's figures, on small hand-made logs: the chaos scenarios quote them, so they must be right. */
class ChaosFiguresTest {

    static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    static Event send(long seq, String vm, long millis, String id, String... to) {
        return Event.send(seq, vm, at(millis), seq, 0, List.of(to), id);
    }

    static Event receive(long seq, String vm, long millis, int queue, String from, String id) {
        return Event.receive(seq, vm, at(millis), seq + 10, queue, new Message("run", from, id, 1));
    }

    static Event internal(long seq, String vm, long millis, int queue) {
        return Event.internal(seq, vm, at(millis), seq, queue);
    }

    @Test
    void fromTheLogsEveryUnreceivedMessageIsQueuedInFlightOrUnaccounted() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("vm1", List.of(
                send(1, "vm1", 0, "vm1-1", "vm2", "vm3"),   // 2 addressed: vm2 receives it, vm3 holds it queued
                send(2, "vm1", 1000, "vm1-2", "vm3"),        // vm3: not received, not queued: unaccounted
                send(3, "vm1", 2990, "vm1-3", "vm2"),        // 10 ms before vm2's last event: in flight
                send(4, "vm1", 3500, "vm1-4", "vm2")));      // after vm2's last event: in flight
        logs.put("vm2", List.of(
                receive(1, "vm2", 500, 0, "vm1", "vm1-1"),
                internal(2, "vm2", 3000, 0)));
        logs.put("vm3", List.of(internal(1, "vm3", 3000, 1)));

        ChaosFigures.Delivery delivery = ChaosFigures.Delivery.of(null, logs);

        assertThat(delivery.source()).isEqualTo("logs");
        assertThat(delivery.addressed()).isEqualTo(5);
        assertThat(delivery.received()).isEqualTo(1);
        assertThat(delivery.undeliveredByReason()).containsEntry("QUEUED", 1L).containsEntry("IN_FLIGHT_AT_RECIPIENTS_END", 2L);
        assertThat(delivery.unaccounted()).isEqualTo(1);
        assertThat(delivery.lost()).isNull();
        assertThat(delivery.toString()).contains("lost n/a", "unaccounted 1");
    }

    @Test
    void aMessageSentJustBeforeTheRecipientsLastEventAndFoundInItsQueueCountsAsQueuedOnce() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("vm1", List.of(send(1, "vm1", 2995, "vm1-1", "vm2")));
        logs.put("vm2", List.of(internal(1, "vm2", 3000, 1)));

        ChaosFigures.Delivery delivery = ChaosFigures.Delivery.of(null, logs);

        assertThat(delivery.undeliveredByReason()).containsEntry("QUEUED", 1L).containsEntry("IN_FLIGHT_AT_RECIPIENTS_END", 0L);
        assertThat(delivery.unaccounted()).isZero();
    }

    @Test
    void theCoordinatorsDeliveryReportWinsOverTheLogs() {
        JsonNode analysis = Http.parse("""
                {"delivery":{"addressed":10,"received":7,
                 "undelivered":[{"messageId":"vm1-3","from":"vm1","to":"vm2","reason":"QUEUED"},
                                {"messageId":"vm1-4","from":"vm1","to":"vm2","reason":"IN_TRANSIT"},
                                {"messageId":"vm3-9","from":"vm3","to":"vm2","reason":"IN_TRANSIT"}],
                 "lost":[]}}""");

        ChaosFigures.Delivery delivery = ChaosFigures.Delivery.of(analysis, Map.of("vm1", List.of()));

        assertThat(delivery.source()).isEqualTo("delivery report");
        assertThat(delivery.addressed()).isEqualTo(10);
        assertThat(delivery.received()).isEqualTo(7);
        assertThat(delivery.undeliveredByReason()).containsExactly(Map.entry("IN_TRANSIT", 2L), Map.entry("QUEUED", 1L));
        assertThat(delivery.undelivered()).isEqualTo(3);
        assertThat(delivery.lost()).isEmpty();
    }

    @Test
    void aSecondReceiveOfOneMessageIsADuplicate() {
        Map<String, List<Event>> logs = Map.of("vm2", List.of(
                receive(1, "vm2", 0, 0, "vm1", "vm1-1"),
                receive(2, "vm2", 100, 0, "vm1", "vm1-2"),
                receive(3, "vm2", 200, 0, "vm1", "vm1-1")));

        assertThat(ChaosFigures.duplicateReceives(logs)).isEqualTo(1);
    }

    @Test
    void aSeqGapIsFoundAndDescribed() {
        assertThat(ChaosFigures.seqGap(List.of(internal(1, "vm2", 0, 0), internal(2, "vm2", 100, 0)))).isEmpty();
        assertThat(ChaosFigures.seqGap(List.of(internal(1, "vm2", 0, 0), internal(3, "vm2", 100, 0))))
                .hasValueSatisfying(gap -> assertThat(gap).contains("event #2 has seq 3 after seq 1"));
        assertThat(ChaosFigures.seqGap(List.of(internal(2, "vm2", 0, 0)))).hasValue("event #1 has seq 2");
    }

    @Test
    void aBurstIsTheMostEventsWithinTheWindow() {
        List<Event> steady = List.of(internal(1, "vm2", 0, 0), internal(2, "vm2", 500, 0), internal(3, "vm2", 1000, 0),
                internal(4, "vm2", 1500, 0));
        List<Event> burst = List.of(internal(1, "vm2", 0, 0), internal(2, "vm2", 10, 0), internal(3, "vm2", 20, 0),
                internal(4, "vm2", 1500, 0));

        assertThat(ChaosFigures.mostEventsWithin(steady, Duration.ofMillis(999))).isEqualTo(2);
        assertThat(ChaosFigures.mostEventsWithin(burst, Duration.ofMillis(999))).isEqualTo(3);
        assertThat(ChaosFigures.mostEventsWithin(List.of(), Duration.ofMillis(999))).isZero();
    }

    @Test
    void theFirstEventAfterAnInstantAndWhereTwoLogsPart() {
        List<Event> log = List.of(internal(1, "vm2", 0, 0), internal(2, "vm2", 8000, 0), internal(3, "vm2", 12000, 0));

        assertThat(ChaosFigures.firstEventAfter(log, at(8000))).map(Event::seq).hasValue(3L);
        assertThat(ChaosFigures.firstEventAfter(log, at(12000))).isEmpty();
        assertThat(ChaosFigures.firstDifference(log, log)).isEmpty();
        assertThat(ChaosFigures.firstDifference(log.subList(0, 2), log)).hasValue("2 events, not 3");
        assertThat(ChaosFigures.firstDifference(List.of(internal(1, "vm2", 5, 0)), List.of(internal(1, "vm2", 0, 0))))
                .hasValueSatisfying(d -> assertThat(d).startsWith("event #1 is"));
    }

    @Test
    void aRestartIsDescribedRelativeToTheRunsStart() {
        ChaosFigures.Restart rejoined = new ChaosFigures.Restart("vm2", at(8000), at(8400), at(12000), at(12500));
        ChaosFigures.Restart gone = new ChaosFigures.Restart("vm2", at(8000), at(8400), at(12000), null);

        assertThat(rejoined.describe(T0)).isEqualTo("vm2 down at +8.0 s, started +8.4 s, serving +12.0 s, first event after the outage"
                + " +12.5 s (start -> first tick 4.1 s, outage 4.5 s)");
        assertThat(gone.describe(T0)).endsWith("no event after the outage");
    }

    @Test
    void outagesAndViolationsAreListedFromTheAnalysis() {
        JsonNode analysis = Http.parse("""
                {"verdict":{"eventsChecked":3,"violations":[{"rule":"RATE_LIMIT","vm":"vm2","seq":57,"detail":"8 events"}]},
                 "outages":[{"vm":"vm2","from":"2026-11-22T05:00:08Z","to":"2026-11-22T05:00:12.500Z","cause":"restarted"},
                            {"vm":"vm3","from":"2026-11-22T05:00:20Z","to":null,"cause":"down"}]}""");

        assertThat(ChaosFigures.violations(analysis)).containsExactly("RATE_LIMIT at vm2#57: 8 events");
        assertThat(ChaosFigures.outages(analysis, T0)).isEqualTo("outages [vm2 restarted from +8.0 s to +12.5 s, vm3 down from +20.0 s to the end]");
        assertThat(ChaosFigures.outages(Http.parse("{}"), T0)).isEqualTo("outages n/a");
    }
}
