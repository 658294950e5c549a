package io.clocklab.report;

/**
 * Where a report's links point. The web app and the static (CLI) report differ only here. A
 * method returning null means "not available", and the page leaves that link out.
 */
public interface ReportLinks {

    /** The page listing runs and experiments. */
    String index();

    /** A run's report page. */
    String run(String runId);

    /** A run's report page showing this space-time window; null when windows cannot be chosen (static). */
    String runWindow(String runId, SpaceTimeWindow window);

    String statsCsv(String runId);

    String logsZip(String runId);

    String analysisJson(String runId);

    /** The run's happens-before as JSON. */
    String causalityJson(String runId);

    /** The run in ShiViz's log format. */
    String shivizLog(String runId);

    /** The run's hybrid-clock analysis as JSON ({@code HybridReport}); null where it is not served. */
    default String hybridJson(String runId) {
        return null;
    }

    String experiment(String experimentId);

    String experimentCsv(String experimentId);

    /** Every finished run's logs of the experiment, one folder per run. */
    String experimentLogsZip(String experimentId);

    /** The experiment's analysis as JSON. */
    String experimentAnalysisJson(String experimentId);

    /** The JSON the index page's live-clocks panel polls; null for no panel. */
    String liveClocks();

    /** The coordinator's links: {@code /runs/{id}}, {@code /runs/{id}/stats.csv}, {@code /api/runs/{id}/analysis} ... */
    static ReportLinks web() {
        return new WebReportLinks("");
    }
}
