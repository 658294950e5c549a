package io.clocklab.coordinator.run;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as {@code GET /api/runs/{id}} shows it: its parameters, as asked and as resolved, and
 * the rate each VM got. The same JSON is the run's {@code run.json} in the data directory.
 *
 * @param clockRates      the rate each VM got, in the VMs' fixed order
 * @param fixedClockRates the rates the request fixed
 * @param mode            live (the containers) or simulated (the deterministic simulator)
 * @param experimentId    the experiment this run belongs to, or null
 * @param startAt         the instant every VM began ticking
 * @param endedAt         null while running
 * @param logsCollected   true once every VM's log of the run is in the data directory
 */
public record Run(String id, RunState state, RunMode mode, String experimentId, Map<String, Integer> clockRates,
                  Map<String, Integer> fixedClockRates, int clockRateMin, int clockRateMax, int randomRange,
                  Integer durationSeconds, long seed, List<String> vms, Instant startAt, Instant endedAt,
                  boolean logsCollected) {

    public Run ended(RunState how, Instant at) {
        return new Run(id, how, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange,
                durationSeconds, seed, vms, startAt, at, logsCollected);
    }

    public Run withLogsCollected() {
        return new Run(id, state, mode, experimentId, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange,
                durationSeconds, seed, vms, startAt, endedAt, true);
    }

    @JsonIgnore // a convenience, not a field: state says it
    public boolean isRunning() {
        return state == RunState.RUNNING;
    }
}
