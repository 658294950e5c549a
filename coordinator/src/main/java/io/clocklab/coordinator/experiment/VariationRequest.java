package io.clocklab.coordinator.experiment;

import java.util.Map;

/**
 * One variation of an experiment, as asked: a label and any of the run parameters. What it leaves
 * out takes the coordinator's defaults.
 */
public record VariationRequest(String label, Map<String, Integer> clockRates, Integer clockRateMin, Integer clockRateMax,
                               Integer randomRange) {
}
