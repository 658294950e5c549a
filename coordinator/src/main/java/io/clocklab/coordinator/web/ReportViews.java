package io.clocklab.coordinator.web;

import io.clocklab.coordinator.experiment.Experiment;
import io.clocklab.coordinator.experiment.ExperimentView;
import io.clocklab.core.archive.Run;
import io.clocklab.report.ExperimentHeader;
import io.clocklab.report.RunView;

import java.util.stream.Collectors;

/** The coordinator's runs and experiments as the report pages show them. */
final class ReportViews {

    private ReportViews() {
    }

    static RunView of(Run run, String experimentName) {
        return new RunView(run.id(), run.state().name(), run.mode(), run.clockRates(), run.randomRange(), run.seed(),
                run.durationSeconds(), run.startAt(), run.endedAt(), run.experimentId(), experimentName);
    }

    static ExperimentHeader of(ExperimentView view) {
        Experiment experiment = view.experiment();
        return new ExperimentHeader(experiment.id(), experiment.name(), experiment.mode(),
                experiment.state().name(), view.progress().runsDone(), view.progress().runsTotal(), experiment.createdAt(),
                experiment.finishedAt());
    }

    static String summary(Run run) {
        String rates = run.clockRates().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/s")
                .collect(Collectors.joining(", "));
        return run.mode().json() + "; " + rates + "; randomRange " + run.randomRange()
                + (run.durationSeconds() == null ? "" : "; " + run.durationSeconds() + " s")
                + (run.experimentId() == null ? "" : "; experiment " + run.experimentId());
    }

    static String summary(ExperimentView view) {
        Experiment experiment = view.experiment();
        return experiment.name() + "; " + experiment.mode().json() + "; " + experiment.variations().size() + " variations x "
                + experiment.runsPerVariation() + " runs x " + experiment.durationSeconds() + " s; "
                + view.progress().runsDone() + "/" + view.progress().runsTotal() + " done";
    }
}
