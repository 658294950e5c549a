package io.clocklab.coordinator.analysis;

import io.clocklab.coordinator.run.Run;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunData;

/** A run with its events and their analysis, as the report pages and downloads need them. */
public record AnalyzedRun(Run run, RunData data, RunAnalysis analysis) {
}
