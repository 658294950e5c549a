package io.clocklab.coordinator.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as {@code GET /api/runs/{id}} shows it: its parameters, as asked and as resolved, and
 * the rate each VM got.
 *
 * @param clockRates      the rate each VM got
 * @param fixedClockRates the rates the request fixed
 * @param startAt         the instant every VM began ticking
 * @param endedAt         null while running
 */
public record Run(String id, RunState state, Map<String, Integer> clockRates, Map<String, Integer> fixedClockRates,
                  int clockRateMin, int clockRateMax, int randomRange, Integer durationSeconds, long seed,
                  List<String> vms, Instant startAt, Instant endedAt) {

    public Run ended(RunState how, Instant at) {
        return new Run(id, how, clockRates, fixedClockRates, clockRateMin, clockRateMax, randomRange, durationSeconds,
                seed, vms, startAt, at);
    }
}
