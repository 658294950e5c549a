package io.clocklab.core.control;

/**
 * The body of a VM's {@code GET /clock}, field for field as the contract gives it: the VM writes it,
 * the coordinator reads it.
 *
 * @param clockRate null until a run is set up
 * @param runId     null until a run is set up
 */
public record ClockView(String vm, long logicalClock, Integer clockRate, int queueLength, VmState state, String runId) {
}
