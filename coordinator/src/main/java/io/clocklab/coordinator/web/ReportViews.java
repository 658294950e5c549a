package io.clocklab.coordinator.web;

import io.clocklab.coordinator.experiment.Experiment;
import io.clocklab.coordinator.experiment.ExperimentView;
import io.clocklab.core.archive.Run;
import io.clocklab.core.control.Names;
import io.clocklab.report.ExperimentHeader;
import io.clocklab.report.RunView;

import java.util.IntSummaryStatistics;
import java.util.Map;
import java.util.stream.Collectors;

/** The coordinator's runs and experiments as the report pages show them. */
final class ReportViews {

    private ReportViews() {
    }

    static RunView of(Run run, String experimentName) {
        return new RunView(run.id(), run.state().name(), run.mode(), run.clockRates(), run.randomRange(), run.seed(),
                run.durationSeconds(), run.startAt(), run.endedAt(), run.experimentId(), experimentName, run.clock(), run.clockSkew());
    }

    static ExperimentHeader of(ExperimentView view) {
        Experiment experiment = view.experiment();
        return new ExperimentHeader(experiment.id(), experiment.name(), experiment.mode(),
                experiment.state().name(), view.progress().runsDone(), view.progress().runsTotal(), experiment.createdAt(),
                experiment.finishedAt());
    }

    /** Up to this many VMs, a run's line in the index names each VM's rate; more are summed up as "32 VMs at 1–6/s". */
    static final int RATES_LISTED = 8;

    static String summary(Run run) {
        return run.mode().json() + "; " + rates(run.clockRates()) + "; randomRange " + run.randomRange()
                + (run.durationSeconds() == null ? "" : "; " + run.durationSeconds() + " s")
                + (run.experimentId() == null ? "" : "; experiment " + run.experimentId());
    }

    /** "vm1 1/s, vm2 3/s, vm10 6/s" in natural name order, or for many VMs "32 VMs at 1–6/s". */
    static String rates(Map<String, Integer> clockRates) {
        if (clockRates.size() > RATES_LISTED) {
            IntSummaryStatistics range = clockRates.values().stream().mapToInt(Integer::intValue).summaryStatistics();
            return clockRates.size() + " VMs at " + (range.getMin() == range.getMax() ? range.getMin() : range.getMin() + "–" + range.getMax())
                    + "/s";
        }
        return clockRates.entrySet().stream().sorted(Map.Entry.comparingByKey(Names.NATURAL_ORDER))
                .map(e -> e.getKey() + " " + e.getValue() + "/s").collect(Collectors.joining(", "));
    }

    static String summary(ExperimentView view) {
        Experiment experiment = view.experiment();
        return experiment.name() + "; " + experiment.mode().json() + "; " + experiment.variations().size() + " variations x "
                + experiment.runsPerVariation() + " runs x " + experiment.durationSeconds() + " s; "
                + view.progress().runsDone() + "/" + view.progress().runsTotal() + " done";
    }
}
