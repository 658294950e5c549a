package io.clocklab.core.control;

/** A VM's state in its current run, as {@code GET /clock} reports it. */
public enum VmState {
    /** Registered and configured (or waiting for a run), not ticking. */
    WAITING,
    RUNNING,
    /** The run ended; the clock, queue and log stay as they were until the next run. */
    STOPPED
}
