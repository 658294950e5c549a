package io.clocklab.core.analysis;

import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.DeliveryAccounting;
import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.run.Outage;

import java.time.Instant;
import java.util.List;

/**
 * The analysis of one run: per-VM statistics, the series for the plots, and the checker's verdict.
 *
 * @param start           the first event's systemTime over all VMs (null when no events)
 * @param end             the last event's systemTime over all VMs (null when no events)
 * @param durationSeconds end - start
 * @param outages         the stretches during which a VM was down; empty when none or unknown
 * @param delivery        what became of every message ({@link DeliveryAccounting}); null when not accounted
 */
public record RunAnalysis(String runId, Instant start, Instant end, double durationSeconds, int randomRange,
                          long events, List<VmAnalysis> vms, RunSeries series, CheckReport verdict,
                          List<Outage> outages, DeliveryReport delivery) {

    public RunAnalysis {
        vms = List.copyOf(vms);
        outages = outages == null ? List.of() : List.copyOf(outages);
    }

    /** An analysis without outages or delivery accounting. */
    public RunAnalysis(String runId, Instant start, Instant end, double durationSeconds, int randomRange,
                       long events, List<VmAnalysis> vms, RunSeries series, CheckReport verdict) {
        this(runId, start, end, durationSeconds, randomRange, events, vms, series, verdict, List.of(), null);
    }
}
