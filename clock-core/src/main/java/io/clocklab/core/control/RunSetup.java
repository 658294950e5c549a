package io.clocklab.core.control;

import io.clocklab.core.model.RandomRange;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.model.RateAssignment;

import java.util.HashSet;
import java.util.List;

/**
 * The coordinator's instruction to one VM before a run: forget the last run, take these settings
 * and wait for {@link RunStart}.
 *
 * @param peers the other VMs, in the fixed order the rolls refer to
 * @param seed  the run's seed; with the VM's name it fixes the VM's rolls
 * @param clock the run's clock algorithm; absent (an older coordinator) means Lamport's
 * @param clockSkew how far this VM's physical clock is set off in the run; absent means not at all
 */
public record RunSetup(String runId, List<Peer> peers, int clockRate, int randomRange, long seed, ClockKind clock,
                       ClockSkew clockSkew) {
    public RunSetup {
        clock = clock == null ? ClockKind.DEFAULT : clock;
        clockSkew = clockSkew == null ? ClockSkew.NONE : clockSkew;
        Names.requireValid("runId", runId);
        peers = List.copyOf(peers == null ? List.of() : peers);
        if (clockRate < RateAssignment.MIN_RATE || clockRate > RateAssignment.MAX_RATE) {
            throw new IllegalArgumentException("clockRate must be between " + RateAssignment.MIN_RATE + " and " + RateAssignment.MAX_RATE + ", got " + clockRate);
        }
        RandomRange.require(randomRange);
        if (new HashSet<>(peers.stream().map(Peer::name).toList()).size() != peers.size()) {
            throw new IllegalArgumentException("peers must have distinct names: " + peers);
        }
    }

    /** A Lamport run without skew. */
    public RunSetup(String runId, List<Peer> peers, int clockRate, int randomRange, long seed) {
        this(runId, peers, clockRate, randomRange, seed, ClockKind.DEFAULT, ClockSkew.NONE);
    }
}
