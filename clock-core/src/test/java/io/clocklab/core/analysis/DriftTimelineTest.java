package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.MeasuredRate;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.clocklab.core.analysis.RunAnalyzerTest.rates;
import static org.assertj.core.api.Assertions.assertThat;

class DriftTimelineTest {

    private static final Instant T0 = VirtualRuns.START;

    /** The timeline as it was before it streamed: every event in one list, stably sorted by time. */
    private static List<List<Point>> sortedReference(List<String> vms, Map<String, List<Event>> eventsByVm, Instant start) {
        record Stamped(Event event, int vm) {
        }
        List<Stamped> merged = new ArrayList<>();
        for (int v = 0; v < vms.size(); v++) {
            for (Event event : eventsByVm.getOrDefault(vms.get(v), List.of())) {
                merged.add(new Stamped(event, v));
            }
        }
        merged.sort(Comparator.comparing(s -> s.event().systemTime()));
        long[] clocks = new long[vms.size()];
        List<List<Point>> samples = new ArrayList<>();
        vms.forEach(vm -> samples.add(new ArrayList<>()));
        for (int i = 0; i < merged.size(); i++) {
            Stamped stamped = merged.get(i);
            clocks[stamped.vm()] = stamped.event().logicalClock();
            Instant at = stamped.event().systemTime();
            if (i + 1 == merged.size() || !merged.get(i + 1).event().systemTime().equals(at)) {
                long leading = DriftTimeline.leading(clocks);
                double seconds = MeasuredRate.seconds(Duration.between(start, at));
                for (int v = 0; v < clocks.length; v++) {
                    samples.get(v).add(new Point(seconds, leading - clocks[v]));
                }
            }
        }
        return samples;
    }

    @Test
    void theMergeEqualsTheSortOnARunWithEqualTimestampsAcrossVms() {
        // equal rates without jitter: the VMs tick at the very same instants, so most instants hold an event of each
        RunData run = VirtualRuns.of(rates("vm1", 4, "vm2", 4, "vm3", 2), 5, 11).run(30);
        List<String> vms = List.of("vm1", "vm2", "vm3");
        Map<String, List<Event>> events = run.eventsByVm();
        long instants = events.values().stream().flatMap(List::stream).map(Event::systemTime).distinct().count();
        assertThat(instants).isLessThan(run.eventCount() / 2);

        assertThat(DriftTimeline.samples(vms, run.events(), T0)).isEqualTo(sortedReference(vms, events, T0));
    }

    @Test
    void theMergeEqualsTheSortWithJitterAndWithAVmWithoutEvents() {
        RunData run = VirtualRuns.of(rates("vm1", 1, "vm2", 6, "vm3", 6), 10, 12).withJitter().run(30);
        List<String> vms = List.of("vm1", "vm2", "vm3", "silent");

        assertThat(DriftTimeline.samples(vms, run.events(), T0)).isEqualTo(sortedReference(vms, run.eventsByVm(), T0));
    }

    @Test
    void aTieGoesToTheFirstVmAndTheSampleComesAfterTheWholeInstant() {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        events.put("a", List.of(Event.internal(1, "a", T0, 5, 0), Event.internal(2, "a", T0.plusSeconds(1), 6, 0)));
        events.put("b", List.of(Event.internal(1, "b", T0, 1, 0), Event.internal(2, "b", T0, 2, 0)));
        List<String> order = new ArrayList<>();

        DriftTimeline.merge(List.of("a", "b"), RunEvents.of(events), new DriftTimeline.Listener() {
            @Override
            public void event(int vm, Event event) {
                order.add(event.vm() + event.seq());
            }

            @Override
            public void instant(Instant at, long[] clocks) {
                order.add("@" + Duration.between(T0, at).toSeconds() + "=" + clocks[0] + "/" + clocks[1]);
            }
        });

        assertThat(order).containsExactly("a1", "b1", "b2", "@0=5/2", "a2", "@1=6/2");
    }

    @Test
    void aWallClockSteppingBackIsTakenAtItsPlaceInTheLog() {
        // b's clock steps back 2 s between its seq 2 and 3: seq 3 comes after seq 2, not before a's events
        Map<String, List<Event>> events = new LinkedHashMap<>();
        events.put("a", List.of(Event.internal(1, "a", T0, 1, 0), Event.internal(2, "a", T0.plusSeconds(2), 2, 0),
                Event.internal(3, "a", T0.plusSeconds(4), 3, 0)));
        events.put("b", List.of(Event.internal(1, "b", T0.plusSeconds(1), 1, 0), Event.internal(2, "b", T0.plusSeconds(3), 2, 0),
                Event.internal(3, "b", T0.plusSeconds(1), 3, 0)));
        List<String> order = new ArrayList<>();

        DriftTimeline.merge(List.of("a", "b"), RunEvents.of(events), new DriftTimeline.Listener() {
            @Override
            public void event(int vm, Event event) {
                order.add(event.vm() + event.seq());
            }

            @Override
            public void instant(Instant at, long[] clocks) {
            }
        });

        assertThat(order).containsExactly("a1", "b1", "a2", "b2", "b3", "a3");
        List<List<Point>> samples = DriftTimeline.samples(List.of("a", "b"), RunEvents.of(events), T0);
        assertThat(samples.get(1)).extracting(Point::seconds).containsExactly(0.0, 1.0, 2.0, 3.0, 1.0, 4.0);
        assertThat(samples.get(0)).extracting(Point::value).containsExactly(0.0, 0.0, 0.0, 0.0, 1.0, 0.0);
    }
}
