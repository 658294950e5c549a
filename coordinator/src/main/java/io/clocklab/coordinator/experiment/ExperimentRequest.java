package io.clocklab.coordinator.experiment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code POST /api/experiments}. The ranges of its own fields are bean-validation
 * constraints, checked by {@link ExperimentService#submit} together with what needs the cluster
 * (the VMs' names, the rates' bounds, the size of the whole experiment), so that one 400 lists
 * every problem.
 *
 * @param runs               runs per variation, 5 when absent
 * @param durationSeconds    length of each run, 60 when absent
 * @param variations         one default variation when absent or empty
 * @param seed               fixes every run's rates and rolls; drawn when absent
 * @param mode               {@code live} (the containers, the default) or {@code simulated}
 * @param networkDelayMillis simulated mode only: each message's delay, 1 ms when absent
 */
public record ExperimentRequest(
        @NotBlank(message = NAME) @Size(max = 200, message = NAME) String name,
        @Min(value = 1, message = RUNS) @Max(value = ExperimentService.MAX_RUNS, message = RUNS) Integer runs,
        @Min(value = 1, message = DURATION) @Max(value = ExperimentService.MAX_DURATION_SECONDS, message = DURATION) Integer durationSeconds,
        List<VariationRequest> variations,
        Long seed,
        String mode,
        @DecimalMin(value = "0", message = DELAY) @DecimalMax(value = "10000", message = DELAY) Double networkDelayMillis) {

    static final String NAME = "name must be 1 to 200 characters";
    static final String RUNS = "runs must be between 1 and " + ExperimentService.MAX_RUNS + ", got ${validatedValue}";
    static final String DURATION = "durationSeconds must be between 1 and " + ExperimentService.MAX_DURATION_SECONDS + ", got ${validatedValue}";
    static final String DELAY = "networkDelayMillis must be between 0 and 10000, got ${validatedValue}";
}
