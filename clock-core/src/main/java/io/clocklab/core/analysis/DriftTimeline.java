package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Each VM's gap behind the cluster's leading clock, sampled at every instant at which any VM logged
 * an event (after all events of that instant). A VM's clock at t is the value after its latest event
 * at or before t, 0 before its first event; the gap is {@code max over VMs - this VM's clock}.
 */
final class DriftTimeline {

    private DriftTimeline() {
    }

    /** @return per VM (in the order of {@code vms}) its samples as (seconds since {@code start}, gap) */
    static List<List<Point>> samples(List<String> vms, Map<String, List<Event>> eventsByVm, Instant start) {
        record Stamped(Event event, int vm) {
        }
        List<Stamped> merged = new ArrayList<>();
        for (int v = 0; v < vms.size(); v++) {
            for (Event event : eventsByVm.getOrDefault(vms.get(v), List.of())) {
                merged.add(new Stamped(event, v));
            }
        }
        // Stable sort: events of one instant keep VM order and seq order.
        merged.sort(Comparator.comparing(s -> s.event().systemTime()));
        long[] clocks = new long[vms.size()];
        List<List<Point>> samples = new ArrayList<>();
        vms.forEach(vm -> samples.add(new ArrayList<>()));
        for (int i = 0; i < merged.size(); i++) {
            Stamped stamped = merged.get(i);
            clocks[stamped.vm()] = stamped.event().logicalClock();
            Instant at = stamped.event().systemTime();
            boolean lastOfInstant = i + 1 == merged.size() || !merged.get(i + 1).event().systemTime().equals(at);
            if (lastOfInstant) {
                long leading = Long.MIN_VALUE;
                for (long clock : clocks) {
                    leading = Math.max(leading, clock);
                }
                double seconds = MeasuredRate.seconds(Duration.between(start, at));
                for (int v = 0; v < clocks.length; v++) {
                    samples.get(v).add(new Point(seconds, leading - clocks[v]));
                }
            }
        }
        return samples;
    }
}
