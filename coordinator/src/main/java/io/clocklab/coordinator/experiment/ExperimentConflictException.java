package io.clocklab.coordinator.experiment;

/** 409: one experiment at a time. */
public class ExperimentConflictException extends RuntimeException {

    public ExperimentConflictException(String message) {
        super(message);
    }
}
