package io.clocklab.core.causality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector clocks the VMs carried against the ones derived from their logs' messages. */
class CarriedVectorsTest {

    private static final List<String> VMS = List.of("vm1", "vm2", "vm3");

    private static RunData vectorRun(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int vms = 3 + random.nextInt(3);
        Map<String, Integer> rates = new LinkedHashMap<>();
        Map<String, ClockSkew> skews = new LinkedHashMap<>();
        for (int v = 1; v <= vms; v++) {
            rates.put("vm" + v, 1 + random.nextInt(6));
            // a skewed clock changes the merge's wall-clock order, never the vectors
            if (random.nextBoolean()) {
                skews.put("vm" + v, new ClockSkew(random.nextLong(-200, 201), random.nextDouble(-500, 500)));
            }
        }
        SimulationSpec spec = SimulationSpec.of("vectors-" + seed, rates, seed, Duration.ofSeconds(40))
                .withRandomRange(seed % 3 == 0 ? 4 : 10).withClock(ClockKind.VECTOR).withClockSkew(skews);
        // some runs with a network slower than a tick: messages overtake each other
        return Simulator.run(seed % 5 == 0 ? spec.withNetworkDelay(NetworkDelay.between(Duration.ZERO, Duration.ofMillis(900))) : spec);
    }

    @Test
    void theDerivedVectorClocksEqualTheCarriedOnesOverManySimulatedRuns() {
        long compared = 0;
        for (long seed = 1; seed <= 50; seed++) {
            RunData data = vectorRun(seed);
            CausalityReport report = CausalityAnalyzer.analyze(data);

            CarriedVectors carried = report.carriedVectors();
            assertThat(carried).as("seed %d", seed).isNotNull();
            assertThat(carried.firstDifferences()).as("seed %d", seed).isEmpty();
            assertThat(carried.compared()).isEqualTo(carried.equal()).isEqualTo(report.events()).isEqualTo(data.eventCount());
            assertThat(carried.different()).isZero();
            assertThat(carried.withoutVector()).isZero();
            compared += carried.compared();
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void aLamportRunHasNoCarriedVectorsAndItsJsonDoesNotMentionThem() throws Exception {
        RunData data = Simulator.run(SimulationSpec.of("lamport", new TreeMap<>(Map.of("vm1", 3, "vm2", 5)), 7, Duration.ofSeconds(10)));
        CausalityReport report = CausalityAnalyzer.analyze(data);

        assertThat(report.carriedVectors()).isNull();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        assertThat(json.readTree(json.writeValueAsString(report)).has("carriedVectors")).isFalse();
        assertThat(json.readTree(json.writeValueAsString(CausalityAnalyzer.analyze(vectorRun(1)))).get("carriedVectors").get("equal").asLong())
                .isPositive();
    }

    /** Mutations: a tampered count, a VM left out of a vector, and a VM that never counted its own event. */
    @Test
    void aTamperedVectorIsFoundAndNamed() {
        RunData honest = Simulator.run(SimulationSpec.of("tamper", new TreeMap<>(Map.of("vm1", 2, "vm2", 5, "vm3", 4)), 11, Duration.ofSeconds(30))
                .withClock(ClockKind.VECTOR));
        Map<String, List<Event>> logs = new LinkedHashMap<>(honest.eventsByVm());
        Event victim = logs.get("vm2").get(20);
        Map<String, Long> counts = new LinkedHashMap<>(victim.vectorClock().counts());
        counts.merge("vm1", 1L, Long::sum);
        Event tampered = withVector(victim, new VectorTime(counts));
        List<Event> vm2 = new ArrayList<>(logs.get("vm2"));
        vm2.set(20, tampered);
        logs.put("vm2", vm2);

        CarriedVectors carried = CausalityAnalyzer.analyze(VMS, RunEvents.of(logs)).carriedVectors();

        assertThat(carried.different()).isEqualTo(1);
        assertThat(carried.equal()).isEqualTo(carried.compared() - 1);
        VectorDifference difference = carried.firstDifferences().get(0);
        assertThat(difference.event().vm()).isEqualTo("vm2");
        assertThat(difference.event().seq()).isEqualTo(victim.seq());
        assertThat(difference.carried()).isEqualTo(tampered.vectorClock());
        assertThat(difference.derived()).isEqualTo(victim.vectorClock());
    }

    @Test
    void aVmLeftOutOfAVectorOrAnExtraVmIsADifferenceAndEveryOneIsCounted() {
        RunData honest = Simulator.run(SimulationSpec.of("tamper", new TreeMap<>(Map.of("vm1", 2, "vm2", 5, "vm3", 4)), 12, Duration.ofSeconds(30))
                .withClock(ClockKind.VECTOR));
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        honest.eventsByVm().forEach((vm, events) -> logs.put(vm, events.stream().map(event -> {
            if (!vm.equals("vm3")) {
                return event;
            }
            Map<String, Long> counts = new LinkedHashMap<>(event.vectorClock().counts());
            counts.put("vm9", 1L);
            return withVector(event, new VectorTime(counts));
        }).toList()));
        Event first = honest.eventsByVm().get("vm1").get(0);
        List<Event> vm1 = new ArrayList<>(logs.get("vm1"));
        vm1.set(0, withVector(first, new VectorTime(Map.of("vm2", 1L))));
        logs.put("vm1", vm1);

        CarriedVectors carried = CausalityAnalyzer.analyze(VMS, RunEvents.of(logs)).carriedVectors();

        assertThat(carried.different()).isEqualTo(logs.get("vm3").size() + 1);
        assertThat(carried.firstDifferences()).hasSize(CarriedVectors.SHOWN);
        assertThat(carried.firstDifferences()).anySatisfy(d -> {
            assertThat(d.event().vm()).isEqualTo("vm1");
            assertThat(d.derived()).isEqualTo(new VectorTime(Map.of("vm1", 1L)));
        });
    }

    @Test
    void eventsWithoutAVectorInAVectorRunAreCountedNotCompared() {
        RunData honest = Simulator.run(SimulationSpec.of("partly", new TreeMap<>(Map.of("vm1", 2, "vm2", 5, "vm3", 4)), 13, Duration.ofSeconds(10))
                .withClock(ClockKind.VECTOR));
        Map<String, List<Event>> logs = new LinkedHashMap<>(honest.eventsByVm());
        logs.put("vm3", logs.get("vm3").stream().map(CarriedVectorsTest::withoutVector).toList());

        CarriedVectors carried = CausalityAnalyzer.analyze(VMS, RunEvents.of(logs)).carriedVectors();

        assertThat(carried.withoutVector()).isEqualTo(logs.get("vm3").size());
        assertThat(carried.compared()).isEqualTo(logs.get("vm1").size() + logs.get("vm2").size());
        assertThat(carried.different()).isZero();
    }

    private static Event withVector(Event e, VectorTime vector) {
        return new Event(e.seq(), e.vm(), e.type(), e.systemTime(), e.logicalClock(), e.queueLength(), e.to(), e.messageId(), e.from(),
                e.messageClock(), vector, e.hlc());
    }

    private static Event withoutVector(Event e) {
        return withVector(e, null);
    }
}
