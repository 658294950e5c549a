package io.clocklab.coordinator.experiment;

/** 404: no experiment has this id. */
public class ExperimentNotFoundException extends RuntimeException {

    public ExperimentNotFoundException(String message) {
        super(message);
    }
}
