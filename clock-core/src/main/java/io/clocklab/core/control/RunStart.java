package io.clocklab.core.control;

import java.time.Instant;

/**
 * Start ticking. Every VM gets the same {@code startAt}, a moment just ahead, so they all begin
 * together however long the HTTP calls took.
 *
 * @param durationSeconds null for a run that goes on until the next one; otherwise each VM stops
 *                        itself at {@code startAt + durationSeconds}, to the tick
 */
public record RunStart(String runId, Instant startAt, Integer durationSeconds) {
    public RunStart {
        Names.requireValid("runId", runId);
        if (startAt == null) {
            throw new IllegalArgumentException("startAt is required");
        }
        if (durationSeconds != null && durationSeconds < 1) {
            throw new IllegalArgumentException("durationSeconds must be at least 1, got " + durationSeconds);
        }
    }
}
