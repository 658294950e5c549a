package io.clocklab.coordinator.run;

/** The request needs a run that has ended. Answered with 409. */
public class RunStillGoingException extends RuntimeException {
    public RunStillGoingException(String message) {
        super(message);
    }
}
