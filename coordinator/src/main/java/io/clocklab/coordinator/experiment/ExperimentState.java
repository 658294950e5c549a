package io.clocklab.coordinator.experiment;

public enum ExperimentState {
    RUNNING,
    FINISHED,
    /** A run could not be started or did not end; {@code error} says why. */
    FAILED,
    /** The coordinator stopped while it ran; the runs that had finished are kept. */
    INTERRUPTED
}
