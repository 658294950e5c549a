package io.clocklab.core.model;

import io.clocklab.core.log.EventJson;
import io.clocklab.core.log.RecoveredState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A machine of a vector or hybrid run: the Lamport clock as ever, the other time beside it, on events and messages. */
class OtherClocksMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource time = now::get;
    private final MessageQueue queue = new MessageQueue();

    private ModelMachine machine(ClockKind kind, Checkpoint from) {
        return new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 10, Seeds.rollsFor(7, "vm1"), queue, time, from, kind);
    }

    @Test
    void aVectorRunCountsOwnEventsAndMergesReceivedVectors() {
        ModelMachine machine = machine(ClockKind.VECTOR, Checkpoint.START);
        TickOutcome first = machine.tick();
        assertThat(first.event().vectorClock()).isEqualTo(new VectorTime(Map.of("vm1", 1L)));
        queue.add(new Message("run-1", "vm2", "vm2-4", 9, new VectorTime(Map.of("vm2", 4L, "vm3", 2L))));
        Event receive = machine.tick().event();
        assertThat(receive.type()).isEqualTo(EventType.RECEIVE);
        assertThat(receive.logicalClock()).as("Lamport's rule as ever").isEqualTo(10);
        assertThat(receive.vectorClock()).isEqualTo(new VectorTime(Map.of("vm1", 2L, "vm2", 4L, "vm3", 2L)));
        assertThat(receive.hlc()).isNull();
    }

    @Test
    void aVectorRunsSendCarriesTheVectorItLogs() {
        ModelMachine machine = machine(ClockKind.VECTOR, Checkpoint.START);
        for (int i = 0; i < 50; i++) {
            TickOutcome outcome = machine.tick();
            if (outcome.outbound() != null) {
                assertThat(outcome.outbound().stamp()).isEqualTo(outcome.event().vectorClock());
                assertThat(outcome.event().vectorClock().get("vm1")).isEqualTo(outcome.event().seq());
                return;
            }
        }
        throw new AssertionError("no SEND in 50 ticks");
    }

    @Test
    void aHybridRunFollowsPhysicalTimeAndCountsWithinAMillisecond() {
        ModelMachine machine = machine(ClockKind.HYBRID, Checkpoint.START);
        long pt = T0.toEpochMilli();
        assertThat(machine.tick().event().hlc()).isEqualTo(new Hlc(pt, 0));
        assertThat(machine.tick().event().hlc()).as("same millisecond").isEqualTo(new Hlc(pt, 1));
        // a message from a VM 50 ms ahead pulls l forward; c counts on from the message's
        queue.add(new Message("run-1", "vm2", "vm2-1", 3, new Hlc(pt + 50, 4)));
        Event receive = machine.tick().event();
        assertThat(receive.hlc()).isEqualTo(new Hlc(pt + 50, 5));
        now.set(T0.plusMillis(20));
        assertThat(machine.tick().event().hlc()).as("physical time is still behind l").isEqualTo(new Hlc(pt + 50, 6));
        now.set(T0.plusMillis(60));
        assertThat(machine.tick().event().hlc()).as("physical time passed l").isEqualTo(new Hlc(pt + 60, 0));
    }

    @Test
    void aLamportRunLogsNeitherTime() {
        ModelMachine machine = machine(ClockKind.LAMPORT, Checkpoint.START);
        queue.add(new Message("run-1", "vm2", "vm2-1", 3, new VectorTime(Map.of("vm2", 1L))));
        Event event = machine.tick().event();
        assertThat(event.vectorClock()).isNull();
        assertThat(event.hlc()).isNull();
        assertThat(EventJson.toLine(event)).doesNotContain("vectorClock").doesNotContain("hlc");
    }

    @ParameterizedTest
    @EnumSource(value = ClockKind.class, names = {"VECTOR", "HYBRID"})
    void theOtherTimeIsLoggedAndReadBack(ClockKind kind) throws Exception {
        ModelMachine machine = machine(kind, Checkpoint.START);
        queue.add(new Message("run-1", "vm2", "vm2-1", 3, kind == ClockKind.VECTOR ? new VectorTime(Map.of("vm2", 1L)) : new Hlc(T0.toEpochMilli() + 5, 2)));
        for (int i = 0; i < 20; i++) {
            Event event = machine.tick().event();
            String line = EventJson.toLine(event);
            assertThat(line).as("the log line is Jackson's JSON of the record").isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(event));
            assertThat(EventJson.fromLine(line)).isEqualTo(event);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(line, Event.class))
                    .as("as the coordinator reads a VM's log pages").isEqualTo(event);
        }
    }

    /** A restarted machine recovers the other time from its log and goes on as if it had never stopped. */
    @ParameterizedTest
    @EnumSource(value = ClockKind.class, names = {"VECTOR", "HYBRID"})
    void aResumedMachineGoesOnWithItsTime(ClockKind kind) {
        MessageQueue inboxA = new MessageQueue();
        MessageQueue inboxB = new MessageQueue();
        ModelMachine uninterrupted = new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 5, Seeds.rollsFor(99, "vm1"), inboxA, time,
                Checkpoint.START, kind);
        List<Event> first = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            if (i % 7 == 0) {
                inboxA.add(message(kind, i));
            }
            now.set(T0.plus(Duration.ofMillis(i / 3)));
            first.add(uninterrupted.tick().event());
        }
        Checkpoint checkpoint = RecoveredState.of("run-1", "vm1", first).checkpoint();
        assertThat(checkpoint.stamp()).isEqualTo(first.get(first.size() - 1).stamp()).isNotNull();
        ModelMachine resumed = new ModelMachine("vm1", "run-1", List.of("vm2", "vm3"), 5, Seeds.rollsFor(99, "vm1"), inboxB, time,
                checkpoint, kind);
        for (int i = 101; i <= 200; i++) {
            if (i % 7 == 0) {
                inboxA.add(message(kind, i));
                inboxB.add(message(kind, i));
            }
            now.set(T0.plus(Duration.ofMillis(i / 3)));
            assertThat(resumed.tick()).isEqualTo(uninterrupted.tick());
        }
    }

    /** What a restarted VM sends again is read from its log: the SEND's time travels with it. */
    @Test
    void messagesReadBackFromTheLogCarryTheirTime() {
        ModelMachine machine = machine(ClockKind.HYBRID, Checkpoint.START);
        List<Event> events = new ArrayList<>();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TickOutcome outcome = machine.tick();
            events.add(outcome.event());
            if (outcome.outbound() != null) {
                sent.add(outcome.outbound());
            }
        }
        RecoveredState state = RecoveredState.of("run-1", "vm1", events);
        List<Message> readBack = state.sentTo().values().stream().flatMap(List::stream).distinct()
                .sorted(java.util.Comparator.comparingLong(Message::clock)).toList();
        assertThat(readBack).isEqualTo(sent).isNotEmpty();
    }

    private static Message message(ClockKind kind, int i) {
        Stamp stamp = kind == ClockKind.VECTOR ? new VectorTime(Map.of("vm2", (long) i)) : new Hlc(T0.toEpochMilli() + i, i % 3);
        return new Message("run-1", "vm2", "vm2-" + i, i * 3L, stamp);
    }
}
