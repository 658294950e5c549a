package io.clocklab.core.sim;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The simulator runs every clock algorithm deterministically, and skews what each VM reads. */
class SimulatorClocksTest {

    private static final Map<String, Integer> RATES = Map.of("vm1", 3, "vm2", 5, "vm3", 1);
    private static final SimulationSpec LAMPORT = SimulationSpec.of("sim-1", new java.util.TreeMap<>(RATES), 2026, Duration.ofSeconds(30));

    @ParameterizedTest
    @EnumSource(ClockKind.class)
    void theSameSpecGivesTheSameEvents(ClockKind kind) {
        SimulationSpec spec = LAMPORT.withClock(kind).withClockSkew(Map.of("vm2", new ClockSkew(120, 300)));
        assertThat(events(spec)).isEqualTo(events(spec)).hasSize((int) Simulator.expectedEvents(spec));
    }

    @ParameterizedTest
    @EnumSource(ClockKind.class)
    void theClockAlgorithmChangesNothingButTheOtherTime(ClockKind kind) {
        List<Event> lamport = events(LAMPORT);
        List<Event> other = events(LAMPORT.withClock(kind));
        assertThat(other).hasSameSizeAs(lamport);
        for (int i = 0; i < lamport.size(); i++) {
            Event event = other.get(i);
            Event stripped = new Event(event.seq(), event.vm(), event.type(), event.systemTime(), event.logicalClock(), event.queueLength(),
                    event.to(), event.messageId(), event.from(), event.messageClock());
            assertThat(stripped).isEqualTo(lamport.get(i));
            assertThat(event.vectorClock() != null).isEqualTo(kind == ClockKind.VECTOR);
            assertThat(event.hlc() != null).isEqualTo(kind == ClockKind.HYBRID);
        }
    }

    @Test
    void aSkewedVmLogsItsOwnTimeAndTheOthersDoNot() {
        ClockSkew skew = new ClockSkew(250, 10_000); // 250 ms ahead, gaining 10 ms per second
        SimulationSpec spec = LAMPORT.withClockSkew(Map.of("vm2", skew));
        List<Event> plain = events(LAMPORT);
        List<Event> skewed = events(spec);
        for (int i = 0; i < plain.size(); i++) {
            Event before = plain.get(i);
            Event after = skewed.get(i);
            Duration shift = Duration.between(before.systemTime(), after.systemTime());
            if (before.vm().equals("vm2")) {
                Duration expected = Duration.ofNanos(skew.offsetNanos(Duration.between(spec.start(), before.systemTime())));
                assertThat(shift.toNanos()).as("vm2 seq %d", before.seq()).isCloseTo(expected.toNanos(), org.assertj.core.data.Offset.offset(1_000L));
            } else {
                assertThat(shift).isZero();
            }
        }
    }

    @Test
    void aHybridRunWithSkewKeepsLAtLeastPhysicalTime() {
        SimulationSpec spec = LAMPORT.withClock(ClockKind.HYBRID).withClockSkew(Map.of("vm1", new ClockSkew(-80, 0), "vm3", new ClockSkew(80, 0)));
        long pulledForward = 0;
        for (Event event : events(spec)) {
            long pt = event.systemTime().toEpochMilli();
            assertThat(event.hlc().l()).isGreaterThanOrEqualTo(pt);
            if (event.type() == EventType.RECEIVE && event.hlc().l() > pt) {
                pulledForward++;
            }
        }
        assertThat(pulledForward).as("vm3's 80 ms lead pulls the others' l ahead of their own time").isPositive();
    }

    @Test
    void aSkewForAVmNotInTheRunIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> LAMPORT.withClockSkew(Map.of("vm9", new ClockSkew(1, 0))))
                .withMessageContaining("clockSkew names vm9");
    }

    private static List<Event> events(SimulationSpec spec) {
        List<Event> events = new ArrayList<>();
        Simulator.run(spec, events::add);
        return events;
    }
}
