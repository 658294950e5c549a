package io.clocklab.coordinator.experiment;

import java.util.List;

/**
 * The body of {@code POST /api/experiments}.
 *
 * @param runs               runs per variation, 5 when absent
 * @param durationSeconds    length of each run, 60 when absent
 * @param variations         one default variation when absent or empty
 * @param seed               fixes every run's rates and rolls; drawn when absent
 * @param mode               {@code live} (the containers, the default) or {@code simulated}
 * @param networkDelayMillis simulated mode only: each message's delay, 1 ms when absent
 */
public record ExperimentRequest(String name, Integer runs, Integer durationSeconds, List<VariationRequest> variations,
                                Long seed, String mode, Double networkDelayMillis) {
}
