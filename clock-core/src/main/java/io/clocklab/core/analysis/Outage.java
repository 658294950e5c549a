package io.clocklab.core.analysis;

import java.time.Instant;

/**
 * A stretch of a run during which one VM was not taking part: crashed and restarting, or not heard from.
 *
 * @param to    null: down until the run ended
 * @param cause e.g. "restarted", "not heard from"
 */
public record Outage(String vm, Instant from, Instant to, String cause) {
}
