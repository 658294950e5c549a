package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.Estimate;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.VariationSummary;

import java.util.Objects;

/** An experiment's report page: its status, the variation table with confidence intervals, the comparison plot and links to every run. */
public final class ExperimentReportPage {

    private final ReportLinks links;

    public ExperimentReportPage(ReportLinks links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    public String render(ExperimentHeader experiment, ExperimentAnalysis analysis) {
        String name = experiment.name() == null || experiment.name().isBlank() ? experiment.id() : experiment.name();
        StringBuilder body = new StringBuilder(32 * 1024);
        if (links.index() != null) {
            body.append("<nav class=\"crumbs\">").append(Html.link(links.index(), "← all runs and experiments")).append("</nav>\n");
        }
        body.append("<h1>Experiment ").append(Html.esc(name)).append("</h1>\n<dl class=\"params\">\n");
        param(body, "id", "<code>" + Html.esc(experiment.id()) + "</code>");
        param(body, "mode", Html.esc(experiment.mode().json()));
        param(body, "status", Html.esc(Html.orDash(experiment.status())));
        param(body, "progress", experiment.runsDone() + " of " + experiment.runsTotal() + " runs");
        param(body, "started", Html.time(experiment.startedAt()));
        param(body, "finished", Html.time(experiment.finishedAt()));
        body.append("</dl>\n");

        body.append("<h2 id=\"variations\">Variations</h2>\n");
        if (analysis.variations().isEmpty()) {
            body.append("<p class=\"muted\">No variation has finished runs yet.</p>\n");
        } else {
            table(body, analysis);
        }
        body.append("<h2 id=\"comparison\">Comparison</h2>\n");
        body.append(Html.figure("variation-plot", VariationComparisonPlot.render(analysis)));
        StringBuilder downloads = new StringBuilder();
        download(downloads, links.experimentCsv(experiment.id()), "variation summaries (CSV)");
        download(downloads, links.experimentLogsZip(experiment.id()), "event logs of every run (zip of JSON Lines)");
        download(downloads, links.experimentAnalysisJson(experiment.id()), "full analysis (JSON)");
        if (!downloads.isEmpty()) {
            body.append("<h2 id=\"downloads\">Downloads</h2>\n<ul class=\"downloads\">").append(downloads).append("</ul>\n");
        }
        return Html.page("Experiment " + name + " – clocklab", body.toString());
    }

    private static void download(StringBuilder list, String href, String text) {
        if (href != null) {
            list.append("<li>").append(Html.link(href, text)).append("</li>");
        }
    }

    private void table(StringBuilder body, ExperimentAnalysis analysis) {
        body.append("<p class=\"muted\">Each cell is the mean over the variation's runs with its 95 % confidence interval.</p>\n");
        body.append("<div class=\"scroll\"><table class=\"variations\">\n<thead><tr><th>#</th><th>variation</th><th class=\"num\">runs</th>")
                .append("<th class=\"num\">mean jump (ticks)</th><th class=\"num\">p95 jump (ticks)</th>")
                .append("<th class=\"num\">max queue growth (msg/s)</th><th class=\"num\">max final drift (ticks)</th><th>run reports</th></tr></thead>\n<tbody>\n");
        int i = 0;
        for (VariationSummary v : analysis.variations()) {
            i++;
            body.append("<tr><td class=\"nowrap\">").append(Html.swatch(VmColors.forIndex(i - 1))).append(i).append("</td><td>")
                    .append(Html.esc(v.label())).append("</td><td class=\"num\">").append(v.runIds().size()).append("</td>");
            estimate(body, v.meanJump());
            estimate(body, v.p95Jump());
            estimate(body, v.maxQueueGrowth());
            estimate(body, v.maxFinalDrift());
            body.append("<td>");
            int r = 0;
            for (String runId : v.runIds()) {
                body.append(r++ == 0 ? "" : ", ").append(Html.link(links.run(runId), runId));
            }
            body.append("</td></tr>\n");
        }
        body.append("</tbody></table></div>\n");
    }

    private static void estimate(StringBuilder body, Estimate e) {
        body.append("<td class=\"num\">").append(Html.esc(Labels.number(e.mean(), 3)));
        if (e.n() > 1) {
            body.append("<br><span class=\"muted\">[").append(Html.esc(Labels.number(e.low(), 3))).append(", ")
                    .append(Html.esc(Labels.number(e.high(), 3))).append("]</span>");
        }
        body.append("</td>");
    }

    private static void param(StringBuilder body, String name, String html) {
        body.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(html).append("</dd>\n");
    }
}
