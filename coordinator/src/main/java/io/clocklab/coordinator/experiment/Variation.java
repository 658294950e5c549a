package io.clocklab.coordinator.experiment;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;

import java.util.Collections;
import java.util.TreeMap;

import io.clocklab.coordinator.run.RunRequest;

import java.util.Map;

/**
 * A variation with every parameter resolved.
 *
 * @param clock     the clock algorithm; a variation recorded before there was a choice is Lamport's
 * @param clockSkew per VM, how far its physical clock is off; a VM not named has none
 */
public record Variation(String label, Map<String, Integer> clockRates, int clockRateMin, int clockRateMax, int randomRange,
                        ClockKind clock, Map<String, ClockSkew> clockSkew) {

    public Variation {
        clock = clock == null ? ClockKind.DEFAULT : clock;
        clockSkew = clockSkew == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(clockSkew));
    }

    public RunRequest toRunRequest(int durationSeconds, long seed) {
        Map<String, RunRequest.Skew> skews = new TreeMap<>();
        clockSkew.forEach((vm, skew) -> skews.put(vm, new RunRequest.Skew(skew.offsetMillis(), skew.driftPpm())));
        return new RunRequest(clockRates, clockRateMin, clockRateMax, randomRange, durationSeconds, seed, clock.label(), skews);
    }
}
