package io.clocklab.coordinator.run;

import io.clocklab.coordinator.config.CoordinatorProperties;

import java.util.Map;

/**
 * The body of {@code POST /api/runs}; every field optional.
 *
 * @param clockRates rates fixed per VM; the others are drawn from [clockRateMin, clockRateMax]
 * @param seed       fixes the drawn rates and every VM's rolls; drawn when absent
 */
public record RunRequest(Map<String, Integer> clockRates, Integer clockRateMin, Integer clockRateMax,
                         Integer randomRange, Integer durationSeconds, Long seed) {

    public static RunRequest defaults() {
        return new RunRequest(null, null, null, null, null, null);
    }

    /** The same request with the coordinator's defaults in place of the rate bounds and roll range it leaves out. */
    public RunRequest withDefaults(CoordinatorProperties defaults) {
        return new RunRequest(clockRates,
                clockRateMin != null ? clockRateMin : defaults.clockRateMin(),
                clockRateMax != null ? clockRateMax : defaults.clockRateMax(),
                randomRange != null ? randomRange : defaults.randomRange(),
                durationSeconds, seed);
    }

    public Map<String, Integer> fixedRates() {
        return clockRates == null ? Map.of() : clockRates;
    }
}
