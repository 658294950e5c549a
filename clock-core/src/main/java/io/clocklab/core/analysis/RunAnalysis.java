package io.clocklab.core.analysis;

import io.clocklab.core.check.CheckReport;

import java.time.Instant;
import java.util.List;

/**
 * The analysis of one run: per-VM statistics, the series for the plots, and the checker's verdict.
 *
 * @param start           the first event's systemTime over all VMs (null when no events)
 * @param end             the last event's systemTime over all VMs (null when no events)
 * @param durationSeconds end - start
 */
public record RunAnalysis(String runId, Instant start, Instant end, double durationSeconds, int randomRange,
                          long events, List<VmAnalysis> vms, RunSeries series, CheckReport verdict) {

    public RunAnalysis {
        vms = List.copyOf(vms);
    }
}
