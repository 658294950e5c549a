package io.clocklab.core.analysis;

import java.util.List;

/**
 * The sizes of a VM's receive jumps, {@code newClock - oldClock} at each RECEIVE (so at least 1).
 * All zero, with an empty histogram, when the VM received nothing.
 */
public record JumpStats(long count, double mean, double p50, double p95, long max, List<HistogramBin> histogram) {

    public JumpStats {
        histogram = List.copyOf(histogram);
    }
}
