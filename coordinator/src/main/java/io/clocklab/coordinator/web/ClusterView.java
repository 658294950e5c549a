package io.clocklab.coordinator.web;

import io.clocklab.coordinator.cluster.VmHealth;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/cluster}.
 *
 * @param state the current run's state, or WAITING before the first run
 */
record ClusterView(String state, String runId, List<VmView> vms) {

    /**
     * @param clockRate the rate in the current run; null before the first run
     * @param health    UP, DOWN (not heard from within the heartbeat timeout) or RECOVERING (being handed its run after a restart)
     * @param lastSeen  its last registration (heartbeat)
     * @param runId     the run it said it holds at its last heartbeat
     */
    record VmView(String name, Integer clockRate, String httpUrl, String tcpAddress, VmHealth health, Instant lastSeen,
                  String runId) {
    }
}
