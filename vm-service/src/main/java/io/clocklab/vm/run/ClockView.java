package io.clocklab.vm.run;

import io.clocklab.core.control.VmState;

/**
 * The body of {@code GET /clock}, field for field as the contract gives it.
 *
 * @param clockRate null until a run is set up
 * @param runId     null until a run is set up
 */
public record ClockView(String vm, long logicalClock, Integer clockRate, int queueLength, VmState state, String runId) {
}
