package io.clocklab.core.analysis;

import java.util.List;

/**
 * One variation of an experiment, across its runs. Each estimate is over per-run values:
 *
 * @param meanJump       the mean receive jump over all VMs of a run
 * @param p95Jump        the largest per-VM p95 jump of a run
 * @param maxQueueGrowth the largest per-VM queue growth (messages/s) of a run: the backed-up VM
 * @param maxFinalDrift  the largest per-VM final gap behind the leading clock of a run
 */
public record VariationSummary(String label, List<String> runIds, Estimate meanJump, Estimate p95Jump,
                               Estimate maxQueueGrowth, Estimate maxFinalDrift) {

    public VariationSummary {
        runIds = List.copyOf(runIds);
    }
}
