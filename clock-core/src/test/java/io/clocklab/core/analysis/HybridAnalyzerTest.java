package io.clocklab.core.analysis;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Hlc;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HybridAnalyzerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** An INTERNAL event of {@code vm} at {@code millis} (plus {@code micros}) after T0, with the hybrid time (l after T0, c). */
    private static Event at(String vm, long seq, long millis, long micros, long l, long c) {
        Event event = Event.internal(seq, vm, T0.plusMillis(millis).plusNanos(micros * 1000), seq, 0);
        return l < 0 ? event : event.withStamp(new Hlc(T0.toEpochMilli() + l, c));
    }

    @Test
    void measuresEachVmsClockAgainstItsPhysicalTimeAndTheBounds() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(at("a", 1, 0, 0, 0, 0), at("a", 2, 10, 900, 25, 0), at("a", 3, 11, 0, 25, 1), at("a", 4, 30, 0, 30, 0)));
        logs.put("b", List.of(at("b", 1, 5, 0, 5, 0), at("b", 2, 5, 300, 5, 1), at("b", 3, 5, 600, 5, 2), at("b", 4, 40, 0, 40, 0)));
        Map<String, ClockSkew> skews = Map.of("a", new ClockSkew(20, 0));

        HybridReport report = HybridAnalyzer.analyze(List.of("a", "b", "c"), RunEvents.of(logs), skews, Duration.ofSeconds(1));

        assertThat(report.reason()).isNull();
        assertThat(report.epsilonMillis()).as("a is 20 ms ahead of b and c").isEqualTo(20);
        assertThat(report.eventsPerMilli()).as("b logs three events at pt 5").isEqualTo(3);
        assertThat(report.hlcVms()).as("c logged nothing").isEqualTo(2);
        assertThat(report.cBound()).isEqualTo(2 * 21 * 3);
        assertThat(report.clockSkew()).containsExactly(Map.entry("a", new ClockSkew(20, 0)));
        assertThat(report.events()).isEqualTo(8);
        assertThat(report.hlcEvents()).isEqualTo(8);
        HybridVm a = report.vms().get(0);
        // pt is the time floored to the millisecond: 10.9 ms is pt 10, so l - pt = 15
        assertThat(a).isEqualTo(new HybridVm("a", 4, 4, 15, 0, 1, true, 0, null, 0, 0, 0, 1));
        assertThat(report.vms().get(1)).isEqualTo(new HybridVm("b", 4, 4, 0, 0, 2, true, 0, null, 0, 0, 0, 3));
        assertThat(report.vms().get(2)).isEqualTo(new HybridVm("c", 0, 0, 0, 0, 0, true, 0, null, 0, 0, 0, 0));
        assertThat(report.withinBounds()).isTrue();
        assertThat(report.aheadOverTime().get("a")).containsExactly(new Point(0, 0), new Point(0.0109, 15), new Point(0.011, 14),
                new Point(0.03, 0));
        assertThat(report.aheadOverTime().get("c")).isEmpty();
    }

    @Test
    void countsEveryBreachOfTheBounds() {
        List<Event> log = List.of(
                at("a", 1, 10, 0, 10, 0),
                at("a", 2, 20, 0, 15, 0),    // l < pt
                at("a", 3, 30, 0, 80, 0),    // l - pt = 50 > ε = 20
                at("a", 4, 31, 0, 80, 0),    // (l, c) not above the previous
                at("a", 5, 32, 0, 70, 500),  // l went back; c above its bound
                at("a", 6, 33, 0, 80, 400)); // c above its bound
        HybridReport report = HybridAnalyzer.analyze(List.of("a", "b"), RunEvents.of(Map.of("a", log)),
                Map.of("b", new ClockSkew(-20, 0)), Duration.ofSeconds(1));

        HybridVm a = report.vms().get(0);
        assertThat(report.cBound()).isEqualTo(21);
        assertThat(a.belowPhysical()).isEqualTo(1);
        assertThat(a.minAheadMillis()).isEqualTo(-5);
        assertThat(a.maxAheadMillis()).isEqualTo(50);
        assertThat(a.overEpsilon()).isEqualTo(4);
        assertThat(a.monotonic()).isFalse();
        assertThat(a.notMonotonic()).isEqualTo(2);
        assertThat(a.firstNotMonotonic()).isEqualTo(4);
        assertThat(a.maxC()).isEqualTo(500);
        assertThat(a.overCBound()).isEqualTo(2);
        assertThat(a.withinBounds()).isFalse();
        assertThat(report.withinBounds()).isFalse();
    }

    @Test
    void aRunWithoutHybridTimesSaysWhy() {
        Map<String, List<Event>> lamport = Map.of("a", List.of(at("a", 1, 0, 0, -1, 0)));
        HybridReport report = HybridAnalyzer.analyze(List.of("a"), RunEvents.of(lamport), null, Duration.ofSeconds(1));

        assertThat(report.analysed()).isFalse();
        assertThat(report.reason()).isEqualTo("no event carries a hybrid time (hlc): the run did not use the hybrid clock");
        assertThat(report.vms()).isEmpty();
        assertThat(report.aheadOverTime()).isEmpty();
        assertThat(report.events()).isEqualTo(1);
        assertThat(report.withinBounds()).isFalse();
        assertThat(HybridAnalyzer.analyze(List.of("a"), RunEvents.of(Map.of()), Map.of(), Duration.ZERO).reason())
                .isEqualTo("the run has no events");
        assertThatThrownBy(() -> HybridAnalyzer.analyze(List.of("a"), RunEvents.of(lamport), null, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the run's length must not be negative, got PT-1S");
    }

    @Test
    void aLongRunsSeriesIsThinnedKeepingItsPeaks() {
        SimulationSpec spec = SimulationSpec.of("long", new TreeMap<>(Map.of("vm1", 1000, "vm2", 1000)), 3, Duration.ofSeconds(30))
                .withClock(ClockKind.HYBRID).withClockSkew(Map.of("vm2", new ClockSkew(60, 0)));
        RunData data = Simulator.run(spec);
        HybridReport report = HybridAnalyzer.analyze(data, spec.clockSkew(), spec.duration());

        for (HybridVm vm : report.vms()) {
            List<Point> points = report.aheadOverTime().get(vm.vm());
            assertThat(points).hasSizeLessThanOrEqualTo(RunSeries.MAX_POINTS).hasSizeGreaterThan(RunSeries.MAX_POINTS / 2);
            assertThat(points.stream().mapToDouble(Point::value).max().orElseThrow()).isEqualTo(vm.maxAheadMillis());
            assertThat(points.stream().mapToDouble(Point::value).min().orElseThrow()).isEqualTo(vm.minAheadMillis());
        }
        assertThat(report.vms().get(0).vm()).isEqualTo("vm1");
        assertThat(report.vms().get(0).maxAheadMillis()).as("vm1 hears of vm2's clock, 60 ms ahead, 0.5-1.5 ms later").isBetween(58L, 60L);
    }

    /**
     * The property: over many seeds, with random skews, in the simulator, every VM's hybrid clock is
     * monotonic, never behind its physical clock, never more than ε ahead of it, and its c stays below the
     * bound. Checked by the analyzer and again here, from the events, with ε and k worked out independently.
     */
    @Test
    void hybridClocksKeepThePapersBoundsOverManySeedsWithSkew() {
        List<SimulationSpec> specs = new ArrayList<>();
        for (long seed = 1; seed <= 50; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int vms = 3 + random.nextInt(3);
            Map<String, Integer> rates = new LinkedHashMap<>();
            for (int v = 1; v <= vms; v++) {
                rates.put("vm" + v, 1 + random.nextInt(6));
            }
            specs.add(skewed(SimulationSpec.of("hlc-" + seed, rates, seed, Duration.ofSeconds(60)), random));
        }
        for (long seed = 51; seed <= 56; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Map<String, Integer> rates = new LinkedHashMap<>();
            for (int v = 1; v <= 3 + seed % 3; v++) {
                rates.put("vm" + v, v == 1 ? 1000 : 2000);
            }
            SimulationSpec spec = skewed(SimulationSpec.of("hlc-fast-" + seed, rates, seed, Duration.ofSeconds(2)), random);
            // a network faster than a tick: many receives land in the millisecond they were sent in
            specs.add(seed % 2 == 0 ? spec.withNetworkDelay(NetworkDelay.between(Duration.ofNanos(10_000), Duration.ofNanos(400_000))) : spec);
        }
        double widestShare = 0;
        long largestC = 0;
        long mostPerMilli = 0;
        for (SimulationSpec spec : specs) {
            RunData data = Simulator.run(spec);
            HybridReport report = HybridAnalyzer.analyze(data, spec.clockSkew(), spec.duration());

            long epsilon = independentEpsilon(spec);
            long k = independentEventsPerMilli(spec);
            long cBound = spec.vms().size() * (epsilon + 1) * k;
            assertThat(report.epsilonMillis()).as(spec.runId()).isEqualTo(epsilon);
            assertThat(report.eventsPerMilli()).as(spec.runId()).isBetween(1L, k);
            assertThat(report.cBound()).as(spec.runId()).isLessThanOrEqualTo(cBound);
            assertThat(report.withinBounds()).as(spec.runId() + ": " + report.vms()).isTrue();
            assertThat(report.hlcEvents()).isEqualTo(report.events()).isEqualTo(Simulator.expectedEvents(spec));

            data.events().toMap().forEach((vm, events) -> {
                Hlc previous = null;
                for (Event event : events) {
                    Hlc hlc = event.hlc();
                    long pt = Math.floorDiv(event.systemTime().getEpochSecond() * 1_000_000_000L + event.systemTime().getNano(), 1_000_000L);
                    assertThat(hlc.l()).as("%s#%d: l >= pt", vm, event.seq()).isGreaterThanOrEqualTo(pt);
                    assertThat(hlc.l() - pt).as("%s#%d: l - pt <= ε", vm, event.seq()).isLessThanOrEqualTo(epsilon);
                    assertThat(hlc.c()).as("%s#%d: c <= N (ε + 1) k", vm, event.seq()).isLessThanOrEqualTo(cBound);
                    if (previous != null) {
                        assertThat(hlc.l() > previous.l() || (hlc.l() == previous.l() && hlc.c() > previous.c()))
                                .as("%s#%d: (l, c) %s after %s", vm, event.seq(), hlc, previous).isTrue();
                    }
                    previous = hlc;
                }
            });
            for (HybridVm vm : report.vms()) {
                widestShare = Math.max(widestShare, epsilon == 0 ? 0 : (double) vm.maxAheadMillis() / epsilon);
                largestC = Math.max(largestC, vm.maxC());
            }
            mostPerMilli = Math.max(mostPerMilli, report.eventsPerMilli());
        }
        // not vacuous: the clocks do run ahead, up to ε itself (the bound is tight), and c does count
        assertThat(widestShare).isEqualTo(1.0);
        assertThat(largestC).isGreaterThanOrEqualTo(10);
        // more than ceil(2000 / 1000): a VM whose clock runs slow fits 2000/s * 1 ms / (1 - 500 ppm) > 2 ticks into one of its milliseconds
        assertThat(mostPerMilli).isEqualTo(3);
    }

    /** Random skews on most VMs: offsets up to ±200 ms, drifts up to ±500 ppm; some VMs keep the true time. */
    private static SimulationSpec skewed(SimulationSpec spec, SplittableRandom random) {
        Map<String, ClockSkew> skews = new LinkedHashMap<>();
        for (String vm : spec.vms()) {
            if (random.nextInt(4) != 0) {
                skews.put(vm, new ClockSkew(random.nextLong(-200, 201), random.nextDouble(-500, 500)));
            }
        }
        return spec.withClock(ClockKind.HYBRID).withClockSkew(skews);
    }

    /** ε from the skews in floating point: the spread of the offsets at the start and at the end, rounded up. */
    private static long independentEpsilon(SimulationSpec spec) {
        double widest = 0;
        for (double seconds : new double[]{0, spec.duration().toNanos() / 1e9}) {
            double most = Double.NEGATIVE_INFINITY;
            double least = Double.POSITIVE_INFINITY;
            for (String vm : spec.vms()) {
                ClockSkew skew = spec.skewOf(vm);
                double offset = skew.offsetMillis() + skew.driftPpm() * seconds / 1000;
                most = Math.max(most, offset);
                least = Math.min(least, offset);
            }
            widest = Math.max(widest, most - least);
        }
        return (long) Math.ceil(widest - 1e-9);
    }

    /**
     * The most ticks a VM can have within one millisecond of its own clock: at rate r its ticks are 1/r s apart
     * in true time, and a millisecond of a clock with drift d lasts 1 / (1 + d) ms of true time.
     */
    private static long independentEventsPerMilli(SimulationSpec spec) {
        long most = 1;
        for (String vm : spec.vms()) {
            double perMilli = spec.clockRates().get(vm) / 1000.0 / (1 + spec.skewOf(vm).driftPpm() / 1e6);
            most = Math.max(most, (long) Math.ceil(perMilli));
        }
        return most;
    }
}
