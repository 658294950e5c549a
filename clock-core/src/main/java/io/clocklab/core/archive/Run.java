package io.clocklab.core.archive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clocklab.core.analysis.DeliverySummary;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunMode;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run as {@code GET /api/runs/{id}} shows it: its parameters, as asked and as resolved, and
 * the rate each VM got. The same JSON is the run's {@value #FILE} in the data directory, written by
 * the coordinator and read back by it and by the CLI ({@code RunLogs}), both as this record through
 * {@link ArchiveJson}.
 *
 * @param clockRates      the rate each VM got, in the VMs' fixed order
 * @param fixedClockRates the rates the request fixed
 * @param mode            live (the containers) or simulated (the deterministic simulator)
 * @param experimentId    the experiment this run belongs to, or null
 * @param startAt         the instant every VM began ticking
 * @param endedAt         null while running
 * @param logsCollected   true once every VM's log of the run is in the data directory
 * @param outages         each stretch during which a VM was down (restarted, or not heard from); {@code to} null = until the end
 * @param endState        what the VMs' queues and links still held when the run ended; null until then, or if it could not be read
 * @param logsMissing     the VMs whose logs could not be collected, and why ({@code POST /api/runs/{id}/collect} tries again)
 * @param delivery        what became of every message, once the logs are collected: received, undelivered with a reason, or lost
 * @param clock           the clock algorithm; a run recorded before there was a choice was a Lamport run
 * @param clockSkew       per VM, how far its physical clock was set off; a VM not named had none
 */
public record Run(String id, RunState state, RunMode mode, String experimentId, Map<String, Integer> clockRates,
                  Map<String, Integer> fixedClockRates, int clockRateMin, int clockRateMax, int randomRange,
                  Integer durationSeconds, long seed, List<String> vms, Instant startAt, Instant endedAt,
                  boolean logsCollected, List<Outage> outages, EndState endState, Map<String, String> logsMissing,
                  DeliverySummary delivery, ClockKind clock, Map<String, ClockSkew> clockSkew) {

    /** The file a run's record is kept in, beside its logs. */
    public static final String FILE = "run.json";

    public Run {
        outages = outages == null ? List.of() : List.copyOf(outages);
        logsMissing = logsMissing == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(logsMissing));
        clock = clock == null ? ClockKind.DEFAULT : clock;
        clockSkew = clockSkew == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(clockSkew));
    }

    public Run(String id, RunState state, RunMode mode, String experimentId, Map<String, Integer> clockRates,
               Map<String, Integer> fixedClockRates, int clockRateMin, int clockRateMax, int randomRange,
               Integer durationSeconds, long seed, List<String> vms, Instant startAt, Instant endedAt, boolean logsCollected) {
        this(id, state, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange, durationSeconds,
                seed, vms, startAt, endedAt, logsCollected, List.of(), null, Map.of(), null, ClockKind.DEFAULT, Map.of());
    }

    /** The same run with this clock algorithm and these skews. */
    public Run withClocks(ClockKind clock, Map<String, ClockSkew> clockSkew) {
        return new Run(id, state, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange,
                durationSeconds, seed, vms, startAt, endedAt, logsCollected, outages, endState, logsMissing, delivery, clock, clockSkew);
    }

    /** A VM's skew, {@link ClockSkew#NONE} when it had none. */
    public ClockSkew skewOf(String vm) {
        return clockSkew.getOrDefault(vm, ClockSkew.NONE);
    }

    public Run ended(RunState how, Instant at) {
        return new Run(id, how, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange,
                durationSeconds, seed, vms, startAt, at, logsCollected, outages, endState, logsMissing, delivery, clock, clockSkew);
    }

    public Run withLogsCollected() {
        return withCollection(Map.of(), endState);
    }

    /** After a collection: logs are complete when nothing is missing. */
    public Run withCollection(Map<String, String> missing, EndState end) {
        return new Run(id, state, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange,
                durationSeconds, seed, vms, startAt, endedAt, missing.isEmpty(), outages, end, missing, missing.isEmpty() ? delivery : null, clock, clockSkew);
    }

    public Run withDelivery(DeliverySummary summary) {
        return new Run(id, state, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange,
                durationSeconds, seed, vms, startAt, endedAt, logsCollected, outages, endState, logsMissing, summary, clock, clockSkew);
    }

    /** Opens an outage for {@code vm} unless one is open already. */
    public Run withOutageOpened(String vm, Instant from, String cause) {
        Outage open = openOutage(vm);
        if (open != null) { // a VM first not heard from, then found restarted, has restarted
            if (!"restarted".equals(cause) || open.cause().equals(cause)) {
                return this;
            }
            List<Outage> changed = new ArrayList<>(outages);
            changed.set(changed.indexOf(open), new Outage(vm, open.from(), null, cause));
            return withOutages(changed);
        }
        List<Outage> more = new ArrayList<>(outages);
        more.add(new Outage(vm, from, null, cause));
        return withOutages(more);
    }

    /** Closes {@code vm}'s open outage at {@code to}, if it has one. */
    public Run withOutageClosed(String vm, Instant to) {
        Outage open = openOutage(vm);
        if (open == null) {
            return this;
        }
        List<Outage> closed = new ArrayList<>(outages);
        closed.set(closed.indexOf(open), new Outage(vm, open.from(), to, open.cause()));
        return withOutages(closed);
    }

    /** The same outages, put where the VMs' logs show them (see {@code OutageTimes}). */
    public Run withOutagesPlaced(List<Outage> placed) {
        return placed.size() == outages.size() ? withOutages(placed) : this;
    }

    public Outage openOutage(String vm) {
        return outages.stream().filter(outage -> outage.vm().equals(vm) && outage.to() == null).findFirst().orElse(null);
    }

    private Run withOutages(List<Outage> changed) {
        return new Run(id, state, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange,
                durationSeconds, seed, vms, startAt, endedAt, logsCollected, changed, endState, logsMissing, delivery, clock, clockSkew);
    }

    @JsonIgnore // a convenience, not a field: state says it
    public boolean isRunning() {
        return state == RunState.RUNNING;
    }

    /** When the VMs stop by themselves; null for a run that goes on until the next one. */
    @JsonIgnore
    public Instant plannedEnd() {
        return durationSeconds == null ? null : startAt.plusSeconds(durationSeconds);
    }
}
