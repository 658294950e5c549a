package io.clocklab.report;

import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.report.RunReportPage.Link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An experiment's report page ({@code experiment.jte}): its status, the variation table with
 * confidence intervals, the comparison plot and links to every run.
 */
public final class ExperimentReportPage {

    /**
     * The page's model: {@code experiment.jte}'s one parameter.
     *
     * @param name  the experiment's name, or its id when it has none
     * @param index the link back to the index, or null
     */
    record Model(ExperimentHeader experiment, String name, ExperimentAnalysis analysis, String index, Figure comparison,
                 List<Link> downloads, ReportLinks links) {

        /** A run's report, or null when the report has none to link to. */
        String runLink(String runId) {
            return links.run(runId);
        }
    }

    private final ReportLinks links;

    public ExperimentReportPage(ReportLinks links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    public String render(ExperimentHeader experiment, ExperimentAnalysis analysis) {
        String name = experiment.name() == null || experiment.name().isBlank() ? experiment.id() : experiment.name();
        List<Link> downloads = new ArrayList<>(3);
        RunReportPage.add(downloads, links.experimentCsv(experiment.id()), "variation summaries (CSV)");
        RunReportPage.add(downloads, links.experimentLogsZip(experiment.id()), "event logs of every run (zip of JSON Lines)");
        RunReportPage.add(downloads, links.experimentAnalysisJson(experiment.id()), "full analysis (JSON)");
        return Templates.render("experiment.jte", new Model(experiment, name, analysis, links.index(),
                new Figure("variation-plot", VariationComparisonPlot.render(analysis)), downloads, links));
    }
}
