package io.clocklab.core.control;

import io.clocklab.core.model.RateAssignment;

import java.util.HashSet;
import java.util.List;

/**
 * The coordinator's instruction to one VM before a run: forget the last run, take these settings
 * and wait for {@link RunStart}.
 *
 * @param peers the other VMs, in the fixed order the rolls refer to
 * @param seed  the run's seed; with the VM's name it fixes the VM's rolls
 */
public record RunSetup(String runId, List<Peer> peers, int clockRate, int randomRange, long seed) {
    public RunSetup {
        Names.requireValid("runId", runId);
        peers = List.copyOf(peers == null ? List.of() : peers);
        if (clockRate < RateAssignment.MIN_RATE || clockRate > RateAssignment.MAX_RATE) {
            throw new IllegalArgumentException("clockRate must be between " + RateAssignment.MIN_RATE + " and " + RateAssignment.MAX_RATE + ", got " + clockRate);
        }
        if (randomRange < 1) {
            throw new IllegalArgumentException("randomRange must be at least 1, got " + randomRange);
        }
        if (new HashSet<>(peers.stream().map(Peer::name).toList()).size() != peers.size()) {
            throw new IllegalArgumentException("peers must have distinct names: " + peers);
        }
    }
}
