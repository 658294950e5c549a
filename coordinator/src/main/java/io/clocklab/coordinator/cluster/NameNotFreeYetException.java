package io.clocklab.coordinator.cluster;

import java.time.Duration;

/** The name a replica would get may still belong to one that runs: ask again later. Answered with 503 and Retry-After. */
public class NameNotFreeYetException extends RuntimeException {

    private final Duration retryAfter;

    public NameNotFreeYetException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
