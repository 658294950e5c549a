package io.clocklab.coordinator.experiment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An experiment as {@code GET /api/experiments/{id}} shows it: its fields, and its progress beside them. */
public record ExperimentView(@JsonUnwrapped Experiment experiment, ExperimentProgress progress) {
}
