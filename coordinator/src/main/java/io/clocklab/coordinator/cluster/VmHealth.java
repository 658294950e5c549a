package io.clocklab.coordinator.cluster;

/** How a registered VM is doing, as {@code /api/cluster} shows it. */
public enum VmHealth {
    /** Heard from within the heartbeat timeout. */
    UP,
    /** Not heard from for longer than the heartbeat timeout: new runs start without it. */
    DOWN,
    /** Restarted during the live run and being handed the run again. */
    RECOVERING
}
