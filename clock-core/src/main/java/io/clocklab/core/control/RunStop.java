package io.clocklab.core.control;

/** The body of {@code POST /internal/run/stop}: stop ticking in this run. */
public record RunStop(String runId) {
}
