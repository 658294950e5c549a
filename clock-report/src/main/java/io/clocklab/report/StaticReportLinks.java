package io.clocklab.report;

/**
 * Relative links between the files {@link StaticReport} writes. A run's directory holds
 * {@code index.html}, {@code stats.csv}, {@code analysis.json}, the plots, {@code causality.json} and
 * {@code shiviz.log} when happens-before was derived, and, if logs were given, {@code logs.zip}; an experiment's directory holds its own {@code index.html} and {@code stats.csv}
 * and each run under {@code runs/<id>/}. Links are relative to the page that uses them, so there is
 * one instance per kind of page. Static pages cannot pick a space-time window, so there is no
 * window navigation and no live panel.
 */
public final class StaticReportLinks implements ReportLinks {

    private enum Page { RUN, RUN_IN_EXPERIMENT, EXPERIMENT }

    private final Page page;
    private final boolean logs;

    private StaticReportLinks(Page page, boolean logs) {
        this.page = page;
        this.logs = logs;
    }

    /** Links for a run's page in its own directory; {@code logsZip} says whether logs.zip is written. */
    public static StaticReportLinks forRun(boolean logsZip) {
        return new StaticReportLinks(Page.RUN, logsZip);
    }

    /** Links for a run's page at {@code runs/<id>/} inside an experiment's directory. */
    public static StaticReportLinks forRunInExperiment(boolean logsZip) {
        return new StaticReportLinks(Page.RUN_IN_EXPERIMENT, logsZip);
    }

    /** Links for an experiment's page at the top of its directory. */
    public static StaticReportLinks forExperiment() {
        return new StaticReportLinks(Page.EXPERIMENT, false);
    }

    @Override
    public String index() {
        return null;
    }

    @Override
    public String run(String runId) {
        return page == Page.EXPERIMENT ? "runs/" + StaticReport.directoryName(runId) + "/index.html" : "index.html";
    }

    @Override
    public String runWindow(String runId, SpaceTimeWindow window) {
        return null;
    }

    @Override
    public String statsCsv(String runId) {
        return page == Page.EXPERIMENT ? null : "stats.csv";
    }

    @Override
    public String logsZip(String runId) {
        return page != Page.EXPERIMENT && logs ? "logs.zip" : null;
    }

    @Override
    public String analysisJson(String runId) {
        return page == Page.EXPERIMENT ? null : "analysis.json";
    }

    @Override
    public String causalityJson(String runId) {
        return page == Page.EXPERIMENT ? null : "causality.json";
    }

    @Override
    public String shivizLog(String runId) {
        return page == Page.EXPERIMENT ? null : "shiviz.log";
    }

    @Override
    public String hybridJson(String runId) {
        return page == Page.EXPERIMENT ? null : "hybrid.json";
    }

    @Override
    public String experiment(String experimentId) {
        return switch (page) {
            case RUN -> null;
            case RUN_IN_EXPERIMENT -> "../../index.html";
            case EXPERIMENT -> "index.html";
        };
    }

    @Override
    public String experimentCsv(String experimentId) {
        return page == Page.EXPERIMENT ? "stats.csv" : null;
    }

    @Override
    public String experimentLogsZip(String experimentId) {
        return null;
    }

    @Override
    public String experimentAnalysisJson(String experimentId) {
        return page == Page.EXPERIMENT ? "analysis.json" : null;
    }

    @Override
    public String liveClocks() {
        return null;
    }
}
