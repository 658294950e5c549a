package io.clocklab.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The coordinator's URLs, under an optional context path:
 * <pre>
 * /                                  index
 * /runs/{id}                         run report (?from=..&amp;to=.. picks the space-time window)
 * /runs/{id}/stats.csv               per-VM statistics
 * /runs/{id}/logs.zip                the VMs' event logs
 * /runs/{id}/shiviz.log              the run in ShiViz's format
 * /api/runs/{id}/analysis            analysis JSON
 * /api/runs/{id}/causality           happens-before JSON
 * /experiments/{id}                  experiment report
 * /experiments/{id}/stats.csv        variation summaries
 * /api/clocks                        live clocks JSON
 * </pre>
 */
public final class WebReportLinks implements ReportLinks {

    private final String base;

    /** @param contextPath "" or a path such as "/lab" (no trailing slash) */
    public WebReportLinks(String contextPath) {
        String path = contextPath == null ? "" : contextPath.strip();
        this.base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String index() {
        return base + "/";
    }

    @Override
    public String run(String runId) {
        return base + "/runs/" + segment(runId);
    }

    @Override
    public String runWindow(String runId, SpaceTimeWindow window) {
        return run(runId) + "?from=" + Labels.number(window.fromSeconds(), 3) + "&to=" + Labels.number(window.toSeconds(), 3)
                + "#space-time";
    }

    @Override
    public String statsCsv(String runId) {
        return run(runId) + "/stats.csv";
    }

    @Override
    public String logsZip(String runId) {
        return run(runId) + "/logs.zip";
    }

    @Override
    public String analysisJson(String runId) {
        return base + "/api/runs/" + segment(runId) + "/analysis";
    }

    @Override
    public String causalityJson(String runId) {
        return base + "/api/runs/" + segment(runId) + "/causality";
    }

    @Override
    public String hybridJson(String runId) {
        return base + "/api/runs/" + segment(runId) + "/hybrid";
    }

    @Override
    public String shivizLog(String runId) {
        return run(runId) + "/shiviz.log";
    }

    @Override
    public String experiment(String experimentId) {
        return base + "/experiments/" + segment(experimentId);
    }

    @Override
    public String experimentCsv(String experimentId) {
        return experiment(experimentId) + "/stats.csv";
    }

    @Override
    public String experimentLogsZip(String experimentId) {
        return experiment(experimentId) + "/logs.zip";
    }

    @Override
    public String experimentAnalysisJson(String experimentId) {
        return base + "/api/experiments/" + segment(experimentId) + "/analysis";
    }

    @Override
    public String liveClocks() {
        return base + "/api/clocks";
    }

    /** An id as one path segment: percent-encoded, spaces as %20. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
