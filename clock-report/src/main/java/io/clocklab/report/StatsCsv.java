package io.clocklab.report;

import io.clocklab.core.analysis.Estimate;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.VariationSummary;
import io.clocklab.core.analysis.VmAnalysis;

import java.util.List;

/**
 * The statistics of a run (one row per VM, in natural name order as on the page) or an experiment (one row per variation and metric) as CSV.
 * A run's {@code jump_sampled} is true when that VM's jump p50, p95 (and histogram) come from a
 * uniform sample of {@code jump_sample_size} of its {@code jump_count} jumps.
 */
public final class StatsCsv {

    public static final List<String> RUN_HEADER = List.of("run_id", "vm", "clock_rate", "measured_rate", "events", "sends", "receives",
            "internals", "final_clock", "jump_count", "jump_mean", "jump_p50", "jump_p95", "jump_max", "drift_final", "drift_max",
            "drift_slope_per_s", "queue_max", "queue_mean", "queue_growth_per_s", "queue_predicted_growth_per_s", "sent",
            "addressed_here", "received", "queued", "jump_sampled", "jump_sample_size");

    public static final List<String> EXPERIMENT_HEADER = List.of("variation", "metric", "n", "mean", "low", "high", "run_ids");

    private StatsCsv() {
    }

    public static String run(RunAnalysis analysis) {
        Csv csv = new Csv().row(RUN_HEADER);
        for (VmAnalysis v : RunReportPage.inNameOrder(analysis.vms())) {
            csv.row(analysis.runId(), v.vm(), v.clockRate(), v.measuredRate(), v.events(), v.sends(), v.receives(), v.internals(),
                    v.finalClock(), v.jumps().count(), v.jumps().mean(), v.jumps().p50(), v.jumps().p95(), v.jumps().max(),
                    v.drift().finalGap(), v.drift().maxGap(), v.drift().slopePerSecond(), v.queue().max(), v.queue().mean(),
                    v.queue().growthPerSecond(), v.queue().predictedGrowthPerSecond(), v.messages().sent(),
                    v.messages().addressedHere(), v.messages().received(), v.messages().queued(), v.jumps().sampled(),
                    v.jumps().sampleSize());
        }
        return csv.toString();
    }

    public static String experiment(ExperimentAnalysis analysis) {
        Csv csv = new Csv().row(EXPERIMENT_HEADER);
        for (VariationSummary v : analysis.variations()) {
            String runs = String.join(" ", v.runIds());
            metric(csv, v, "mean_jump", v.meanJump(), runs);
            metric(csv, v, "p95_jump", v.p95Jump(), runs);
            metric(csv, v, "max_queue_growth_per_s", v.maxQueueGrowth(), runs);
            metric(csv, v, "max_final_drift", v.maxFinalDrift(), runs);
        }
        return csv.toString();
    }

    private static void metric(Csv csv, VariationSummary v, String metric, Estimate e, String runs) {
        csv.row(v.label(), metric, e.n(), e.mean(), e.low(), e.high(), runs);
    }
}
