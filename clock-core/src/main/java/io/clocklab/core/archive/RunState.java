package io.clocklab.core.archive;

/** Where a run stands: going, ended by its duration, or ended by the next run. */
public enum RunState {
    RUNNING,
    FINISHED,
    STOPPED
}
