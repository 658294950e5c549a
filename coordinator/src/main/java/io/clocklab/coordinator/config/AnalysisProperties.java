package io.clocklab.coordinator.config;

import io.clocklab.core.run.AnalysisLimits;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What checking and analysing one run may hold in memory ({@code clocklab.coordinator.analysis.*}),
 * whatever the run's length: the defaults fit the image's 128 MB heap with room to spare. See
 * {@link AnalysisLimits} and docs/analysis.md ("Long runs").
 *
 * @param sortChunk    records sorted in memory at once when SENDs are brought together with their RECEIVEs; more spill to
 *                     {@code <data-dir>/tmp}
 * @param shownPerList the most violations, undelivered and lost messages an analysis lists by name (all are counted)
 * @param jumpSample   the most receive jumps per VM kept for the percentiles and the histogram; beyond it, a seeded sample
 */
@Validated
@ConfigurationProperties("clocklab.coordinator.analysis")
public record AnalysisProperties(
        @DefaultValue("200000") @Min(1000) int sortChunk,
        @DefaultValue("1000") @Min(1) int shownPerList,
        @DefaultValue("250000") @Min(100) int jumpSample) {
}
