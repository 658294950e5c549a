package io.clocklab.coordinator.web;

import java.util.List;

/**
 * The body of {@code GET /api/cluster}.
 *
 * @param state the current run's state, or WAITING before the first run
 */
record ClusterView(String state, String runId, List<VmView> vms) {

    /** @param clockRate the rate in the current run; null before the first run */
    record VmView(String name, Integer clockRate, String httpUrl, String tcpAddress) {
    }
}
