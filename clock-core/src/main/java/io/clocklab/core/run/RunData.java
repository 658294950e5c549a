package io.clocklab.core.run;

import io.clocklab.core.model.ClockSkew;

import io.clocklab.core.model.Event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the analysis and the checker need to know about one run: what it was asked to do and
 * what every VM logged. The same record comes from a live run, from log files, or from the simulator.
 * The events are not held here but read when needed ({@link RunEvents}), so a run of any length can
 * be checked and analysed in bounded memory.
 *
 * @param clockRates  each VM's ticks per second, in the VMs' fixed order (the order of their peers' rolls)
 * @param randomRange rolls are drawn from {@code 1..randomRange}
 * @param finished    true once every VM has stopped: only then must sent = received + still queued
 * @param events      each VM's complete log of the run, in seq order, VMs in the same order as clockRates
 * @param outages     the stretches during which a VM was down, in the order the coordinator saw them; empty when none or unknown
 * @param endState    where the unreceived messages were when the run ended; null when it was not collected
 */
public record RunData(String runId, Map<String, Integer> clockRates, int randomRange, boolean finished,
                      RunEvents events, List<Outage> outages, EndState endState, Map<String, ClockSkew> clockSkew) {

    public RunData {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(events, "events");
        clockRates = Collections.unmodifiableMap(new LinkedHashMap<>(clockRates));
        outages = outages == null ? List.of() : List.copyOf(outages);
        clockSkew = clockSkew == null ? Map.of() : Map.copyOf(clockSkew);
    }

    /** A run whose VMs' clocks were not skewed. */
    public RunData(String runId, Map<String, Integer> clockRates, int randomRange, boolean finished,
                   RunEvents events, List<Outage> outages, EndState endState) {
        this(runId, clockRates, randomRange, finished, events, outages, endState, Map.of());
    }

    /** The same run, its VMs' physical clocks skewed like this (they logged their own time). */
    public RunData withClockSkew(Map<String, ClockSkew> skews) {
        return new RunData(runId, clockRates, randomRange, finished, events, outages, endState, skews);
    }

    /** A VM's skew, {@link ClockSkew#NONE} when it had none. */
    public ClockSkew skewOf(String vm) {
        return clockSkew.getOrDefault(vm, ClockSkew.NONE);
    }

    /** A run held in memory. */
    public RunData(String runId, Map<String, Integer> clockRates, int randomRange, boolean finished,
                   Map<String, List<Event>> eventsByVm, List<Outage> outages, EndState endState) {
        this(runId, clockRates, randomRange, finished, RunEvents.of(eventsByVm), outages, endState);
    }

    /** A run held in memory, without outages and without a collected end state. */
    public RunData(String runId, Map<String, Integer> clockRates, int randomRange, boolean finished,
                   Map<String, List<Event>> eventsByVm) {
        this(runId, clockRates, randomRange, finished, RunEvents.of(eventsByVm), List.of(), null);
    }

    /**
     * Every event in memory, by VM ({@link RunEvents#toMap()}): for small runs and tests only. The
     * checker, the accounting and the analysis stream {@link #events()} instead.
     */
    public Map<String, List<Event>> eventsByVm() {
        return events.toMap();
    }

    public long eventCount() {
        return events.count();
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
        return new RunData(runId, clockRates, randomRange, finished, events, outages, endState, clockSkew);
    }
}
