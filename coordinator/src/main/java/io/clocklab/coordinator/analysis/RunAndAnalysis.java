package io.clocklab.coordinator.analysis;

import io.clocklab.coordinator.run.Run;
import io.clocklab.core.analysis.RunAnalysis;

/** A run with its analysis, as the report pages and downloads need them (the events stay in the run's files). */
public record RunAndAnalysis(Run run, RunAnalysis analysis) {
}
