package io.clocklab.core.sim;

import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.run.RunData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatorTest {

    private static final Map<String, Integer> ONE_SIX_SIX = rates("vm1", 1, "vm2", 6, "vm3", 6);
    private static final SimulationSpec MINUTE = SimulationSpec.of("sim-1", ONE_SIX_SIX, 42, Duration.ofSeconds(60));

    private static Map<String, Integer> rates(Object... nameRatePairs) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < nameRatePairs.length; i += 2) {
            rates.put((String) nameRatePairs[i], (Integer) nameRatePairs[i + 1]);
        }
        return rates;
    }

    /** The whole run as the log files would hold it, VM after VM. */
    private static byte[] logBytes(RunData run) {
        return run.eventsByVm().values().stream().flatMap(List::stream).map(EventJson::toLine)
                .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Event> allEvents(RunData run) {
        return run.eventsByVm().values().stream().flatMap(List::stream).toList();
    }

    @Test
    void theSameSpecGivesByteIdenticalLogs() {
        SimulationSpec spec = MINUTE.withNetworkDelay(NetworkDelay.between(Duration.ZERO, Duration.ofMillis(400)));
        assertThat(logBytes(Simulator.run(spec))).isEqualTo(logBytes(Simulator.run(spec)));
    }

    @Test
    void differentSeedsGiveDifferentLogs() {
        assertThat(logBytes(Simulator.run(MINUTE.withSeed(1)))).isNotEqualTo(logBytes(Simulator.run(MINUTE.withSeed(2))));
    }

    @Test
    void theNetworkDelaysFollowTheSeedToo() {
        NetworkDelay wide = NetworkDelay.between(Duration.ZERO, Duration.ofSeconds(2));
        byte[] first = logBytes(Simulator.run(MINUTE.withNetworkDelay(wide)));
        assertThat(logBytes(Simulator.run(MINUTE.withNetworkDelay(wide)))).isEqualTo(first);
        assertThat(logBytes(Simulator.run(MINUTE.withNetworkDelay(wide).withSeed(43)))).isNotEqualTo(first);
    }

    @Test
    void theRunIsFinishedAndDescribesTheSpec() {
        RunData run = Simulator.run(MINUTE);
        assertThat(run.runId()).isEqualTo("sim-1");
        assertThat(run.finished()).isTrue();
        assertThat(run.randomRange()).isEqualTo(10);
        assertThat(run.clockRates()).containsExactlyEntriesOf(ONE_SIX_SIX);
        assertThat(run.eventsByVm().keySet()).containsExactly("vm1", "vm2", "vm3");
    }

    @Test
    void eachVmLogsRateTimesDurationEvents() {
        RunData run = Simulator.run(MINUTE);
        assertThat(run.eventsByVm().get("vm1")).hasSize(60);
        assertThat(run.eventsByVm().get("vm2")).hasSize(360);
        assertThat(run.eventsByVm().get("vm3")).hasSize(360);
    }

    @Test
    void aDurationThatIsNotWholePeriodsCountsTheTicksStartedBeforeTheEnd() {
        // rate 3 over 2.5 s ticks at 0, 1/3, ..., 7/3 s: 8 ticks; rate 1000 over 2.5 s: 2500
        SimulationSpec spec = SimulationSpec.of("sim-2", rates("a", 3, "b", 1000), 7, Duration.ofMillis(2500));
        RunData run = Simulator.run(spec);
        assertThat(run.eventsByVm().get("a")).hasSize(8);
        assertThat(run.eventsByVm().get("b")).hasSize(2500);
        assertThat(Simulator.expectedEvents(spec, "a")).isEqualTo(8);
        assertThat(Simulator.expectedEvents(spec)).isEqualTo(2508);
    }

    @Test
    void eventsAreInSeqOrderForEachVm() {
        Simulator.run(MINUTE).eventsByVm().forEach((vm, events) -> {
            assertThat(events).extracting(Event::vm).containsOnly(vm);
            assertThat(events).extracting(Event::seq).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, events.size()).boxed().toList());
        });
    }

    @Test
    void timestampsAreTheTickGridTruncatedToMicroseconds() {
        // a start with sub-microsecond digits and a period that is not whole nanoseconds
        Instant start = Instant.parse("2026-03-01T12:00:00.000000700Z");
        SimulationSpec spec = SimulationSpec.of("sim-3", rates("a", 7, "b", 3), 5, Duration.ofSeconds(10)).withStart(start);
        Simulator.run(spec).eventsByVm().forEach((vm, events) -> {
            int rate = spec.clockRates().get(vm);
            for (int k = 0; k < events.size(); k++) {
                Instant due = start.plusNanos(k * 1_000_000_000L / rate).truncatedTo(ChronoUnit.MICROS);
                assertThat(events.get(k).systemTime()).as("%s tick %d", vm, k).isEqualTo(due);
            }
        });
    }

    @Test
    void everyReceiveComesAtLeastTheMinimumDelayAfterItsSend() {
        Duration min = Duration.ofMillis(300);
        SimulationSpec spec = MINUTE.withNetworkDelay(NetworkDelay.between(min, Duration.ofMillis(900)));
        RunData run = Simulator.run(spec);
        Map<String, Event> sends = allEvents(run).stream().filter(e -> e.type() == EventType.SEND)
                .collect(Collectors.toMap(Event::messageId, Function.identity()));
        List<Event> receives = allEvents(run).stream().filter(e -> e.type() == EventType.RECEIVE).toList();

        assertThat(receives).isNotEmpty();
        for (Event receive : receives) {
            Event send = sends.get(receive.messageId());
            assertThat(receive.systemTime()).as(receive.messageId()).isAfterOrEqualTo(send.systemTime().plus(min));
        }
    }

    @Test
    void aDelayLongerThanTheRunMeansNothingIsReceived() {
        RunData run = Simulator.run(MINUTE.withNetworkDelay(NetworkDelay.fixed(Duration.ofSeconds(61))));
        assertThat(allEvents(run)).extracting(Event::type).doesNotContain(EventType.RECEIVE).contains(EventType.SEND);
    }

    @Test
    void withNoMessagesEachVmIsTheLiveModelMachineWithItsOwnSeedAndPeers() {
        // Nothing arrives, so each VM's log is what a lone ModelMachine logs with the seed and peers
        // the coordinator would give it: the simulator adds nothing to the model.
        SimulationSpec spec = MINUTE.withNetworkDelay(NetworkDelay.fixed(Duration.ofSeconds(61)));
        RunData run = Simulator.run(spec);
        List<String> vms = spec.vms();
        for (String vm : vms) {
            List<Event> simulated = run.eventsByVm().get(vm);
            ModelMachine machine = new ModelMachine(vm, spec.runId(), vms.stream().filter(v -> !v.equals(vm)).toList(),
                    spec.randomRange(), Seeds.rollsFor(spec.seed(), vm), new MessageQueue(), InstantSource.fixed(spec.start()));
            for (Event event : simulated) {
                Event live = machine.tick().event();
                assertThat(event).isEqualTo(new Event(live.seq(), live.vm(), live.type(), event.systemTime(),
                        live.logicalClock(), live.queueLength(), live.to(), live.messageId(), live.from(), live.messageClock()));
            }
        }
    }

    @Test
    void aZeroDelayMessageReachesAVmLaterInTheOrderAtTheSameInstant() {
        // randomRange 1: every idle tick sends. "a" ticks first at each instant, so "b" always receives.
        SimulationSpec spec = new SimulationSpec("sim-4", rates("a", 1, "b", 1), 1, 9, Duration.ofSeconds(3),
                NetworkDelay.fixed(Duration.ZERO), SimulationSpec.DEFAULT_START);
        RunData run = Simulator.run(spec);
        assertThat(run.eventsByVm().get("a")).extracting(Event::type).containsOnly(EventType.SEND);
        assertThat(run.eventsByVm().get("b")).extracting(Event::type).containsOnly(EventType.RECEIVE);
        assertThat(run.eventsByVm().get("b")).extracting(Event::systemTime)
                .containsExactlyElementsOf(run.eventsByVm().get("a").stream().map(Event::systemTime).toList());
    }

    @Test
    void theVmOrderIsTheOrderOfTheRates() {
        SimulationSpec spec = new SimulationSpec("sim-5", rates("b", 1, "a", 1), 1, 9, Duration.ofSeconds(3),
                NetworkDelay.fixed(Duration.ZERO), SimulationSpec.DEFAULT_START);
        RunData run = Simulator.run(spec);
        assertThat(run.eventsByVm().get("b")).extracting(Event::type).containsOnly(EventType.SEND);
        assertThat(run.eventsByVm().get("a")).extracting(Event::type).containsOnly(EventType.RECEIVE);
    }

    @Test
    void aMessageArrivingAsItsRecipientTicksIsReceivedInThatTick() {
        // both send at 0 s with a delay of exactly one period: both receive at 1 s, send at 2 s, ...
        SimulationSpec spec = new SimulationSpec("sim-6", rates("a", 1, "b", 1), 1, 9, Duration.ofSeconds(4),
                NetworkDelay.fixed(Duration.ofSeconds(1)), SimulationSpec.DEFAULT_START);
        RunData run = Simulator.run(spec);
        for (List<Event> events : run.eventsByVm().values()) {
            assertThat(events).extracting(Event::type)
                    .containsExactly(EventType.SEND, EventType.RECEIVE, EventType.SEND, EventType.RECEIVE);
        }
    }

    @Test
    void aMessageArrivingJustAfterATickWaitsForTheNext() {
        SimulationSpec spec = new SimulationSpec("sim-7", rates("a", 1, "b", 1), 1, 9, Duration.ofSeconds(3),
                NetworkDelay.fixed(Duration.ofSeconds(1).plusNanos(1)), SimulationSpec.DEFAULT_START);
        RunData run = Simulator.run(spec);
        for (List<Event> events : run.eventsByVm().values()) {
            assertThat(events).extracting(Event::type).containsExactly(EventType.SEND, EventType.SEND, EventType.RECEIVE);
        }
    }

    @Test
    void messagesQueueInTheOrderTheyArrive() {
        // a fast sender and a slow receiver with widely spread delays: copies overtake each other on
        // the way, and the receiver takes them in arrival order, not send order.
        SimulationSpec spec = new SimulationSpec("sim-8", rates("slow", 1, "fast", 50), 1, 3, Duration.ofSeconds(20),
                NetworkDelay.between(Duration.ZERO, Duration.ofSeconds(1)), SimulationSpec.DEFAULT_START);
        RunData run = Simulator.run(spec);
        List<Long> receivedClocks = run.eventsByVm().get("slow").stream()
                .filter(e -> e.type() == EventType.RECEIVE).map(Event::messageClock).toList();
        assertThat(receivedClocks).hasSizeGreaterThan(10).isNotEqualTo(receivedClocks.stream().sorted().toList());
        assertThat(RunChecker.check(run.eventsByVm()).violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void simulatedRunsPassTheChecker(int vmCount) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 1; i <= vmCount; i++) {
            rates.put("vm" + i, 1 + (i * 37) % 20);
        }
        for (long seed = 0; seed < 100; seed++) {
            SimulationSpec spec = SimulationSpec.of("sim-" + seed, rates, seed, Duration.ofSeconds(30))
                    .withNetworkDelay(NetworkDelay.between(Duration.ZERO, Duration.ofMillis(300 * (seed % 4))));
            CheckReport report = RunChecker.check(Simulator.run(spec).eventsByVm());
            assertThat(report.violations()).as("seed %d", seed).isEmpty();
            assertThat(report.eventsChecked()).isEqualTo(Simulator.expectedEvents(spec));
        }
    }

    @Test
    void theStreamingFormGivesTheSameEventsInVirtualTimeOrder() {
        List<Event> streamed = new ArrayList<>();
        long count = Simulator.run(MINUTE, streamed::add);

        assertThat(count).isEqualTo(streamed.size()).isEqualTo(780);
        assertThat(streamed).extracting(Event::systemTime).isSorted();
        Map<String, List<Event>> byVm = streamed.stream().collect(Collectors.groupingBy(Event::vm));
        Simulator.run(MINUTE).eventsByVm().forEach((vm, events) -> assertThat(byVm.get(vm)).isEqualTo(events));
    }

    @Test
    void expectedEventsRejectsAnUnknownVm() {
        assertThatIllegalArgumentException().isThrownBy(() -> Simulator.expectedEvents(MINUTE, "vm9"))
                .withMessage("no VM 'vm9' in the simulation (VMs: vm1, vm2, vm3)");
    }
}
