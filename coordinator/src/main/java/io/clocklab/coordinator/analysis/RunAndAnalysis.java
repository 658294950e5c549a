package io.clocklab.coordinator.analysis;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.archive.Run;

/** A run with its analysis, as the report pages and downloads need them (the events stay in the run's files). */
public record RunAndAnalysis(Run run, RunAnalysis analysis) {
}
