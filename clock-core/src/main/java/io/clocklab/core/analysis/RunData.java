package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the analysis and the checker need to know about one run: what it was asked to do and
 * what every VM logged. The same record comes from a live run, from log files, or from the simulator.
 *
 * @param clockRates  each VM's ticks per second, in the VMs' fixed order (the order of their peers' rolls)
 * @param randomRange rolls are drawn from {@code 1..randomRange}
 * @param finished    true once every VM has stopped: only then must sent = received + still queued
 * @param eventsByVm  each VM's complete log of the run, in seq order, keyed in the same order as clockRates
 * @param outages     the stretches during which a VM was down, in the order the coordinator saw them; empty when none or unknown
 * @param endState    where the unreceived messages were when the run ended; null when it was not collected
 */
public record RunData(String runId, Map<String, Integer> clockRates, int randomRange, boolean finished,
                      Map<String, List<Event>> eventsByVm, List<Outage> outages, EndState endState) {

    public RunData {
        Objects.requireNonNull(runId, "runId");
        clockRates = Collections.unmodifiableMap(new LinkedHashMap<>(clockRates));
        LinkedHashMap<String, List<Event>> copy = new LinkedHashMap<>();
        eventsByVm.forEach((vm, events) -> copy.put(vm, List.copyOf(events)));
        eventsByVm = Collections.unmodifiableMap(copy);
        outages = outages == null ? List.of() : List.copyOf(outages);
    }

    /** A run without outages and without a collected end state. */
    public RunData(String runId, Map<String, Integer> clockRates, int randomRange, boolean finished,
                   Map<String, List<Event>> eventsByVm) {
        this(runId, clockRates, randomRange, finished, eventsByVm, List.of(), null);
    }

    public long eventCount() {
        return eventsByVm.values().stream().mapToLong(List::size).sum();
    }

    /** The outages of one VM. */
    public List<Outage> outagesOf(String vm) {
        return outages.stream().filter(o -> o.vm().equals(vm)).toList();
    }

    /** True when this VM was still down when the run ended. */
    public boolean downAtTheEnd(String vm) {
        return outages.stream().anyMatch(o -> o.vm().equals(vm) && o.untilTheEnd());
    }

    /** The same run with these outages and this end state. */
    public RunData with(List<Outage> outages, EndState endState) {
        return new RunData(runId, clockRates, randomRange, finished, eventsByVm, outages, endState);
    }
}
