package io.clocklab.coordinator.experiment;

import io.clocklab.coordinator.run.RunRequest;

import java.util.Map;

/** A variation with every parameter resolved. */
public record Variation(String label, Map<String, Integer> clockRates, int clockRateMin, int clockRateMax, int randomRange) {

    public RunRequest toRunRequest(int durationSeconds, long seed) {
        return new RunRequest(clockRates, clockRateMin, clockRateMax, randomRange, durationSeconds, seed);
    }
}
