package io.clocklab.coordinator.analysis;

/** The run's logs are not in the data directory (their collection failed). Answered with 409. */
public class LogsNotAvailableException extends RuntimeException {

    public LogsNotAvailableException(String message) {
        super(message);
    }
}
