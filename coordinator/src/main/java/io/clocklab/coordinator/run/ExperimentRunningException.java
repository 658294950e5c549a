package io.clocklab.coordinator.run;

/** A live experiment owns the cluster: users' runs wait until it ends. Answered with 409. */
public class ExperimentRunningException extends RuntimeException {

    public ExperimentRunningException(String message) {
        super(message);
    }
}
