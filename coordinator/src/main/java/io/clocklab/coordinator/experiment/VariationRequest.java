package io.clocklab.coordinator.experiment;

import io.clocklab.coordinator.run.RunRequest;

import java.util.Map;

/**
 * One variation of an experiment, as asked: a label and any of the run parameters. What it leaves
 * out takes the coordinator's defaults.
 */
public record VariationRequest(String label, Map<String, Integer> clockRates, Integer clockRateMin, Integer clockRateMax,
                               Integer randomRange, String clock, Map<String, RunRequest.Skew> clockSkew) {

    /** A Lamport variation without skew. */
    public VariationRequest(String label, Map<String, Integer> clockRates, Integer clockRateMin, Integer clockRateMax, Integer randomRange) {
        this(label, clockRates, clockRateMin, clockRateMax, randomRange, null, null);
    }
}
