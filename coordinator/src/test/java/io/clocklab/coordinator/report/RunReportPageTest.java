package io.clocklab.coordinator.report;

import io.clocklab.coordinator.run.RunMode;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.Rule;
import io.clocklab.core.check.Violation;
import io.clocklab.core.model.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportPageTest {

    private static final Map<String, List<Event>> EVENTS = ReportFixtures.smallRun();
    private static final RunAnalysis ANALYSIS = ReportFixtures.analyse("run-1", EVENTS, ReportFixtures.RATES, 10);
    private static final RunView RUN = ReportFixtures.runView("run-1");

    private static String web(RunView run, RunAnalysis analysis, SpaceTimeWindow window) {
        return new RunReportPage(ReportLinks.web()).render(run, analysis, new SpaceTimeDiagram(EVENTS), window);
    }

    private static RunAnalysis withVerdict(CheckReport verdict) {
        RunAnalysis a = ANALYSIS;
        return new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), a.events(), a.vms(), a.series(), verdict);
    }

    @Test
    void isACompleteHtml5PageWithViewportAndInlineStyle() {
        String html = web(RUN, ANALYSIS, null);
        assertThat(html).startsWith("<!doctype html>").contains("<meta name=\"viewport\"").contains("<style>")
                .contains("<title>Run run-1 – clocklab</title>");
        // Self-contained: nothing loaded from elsewhere (the SVG namespace URI is a name, not a fetch;
        // the one <link> is the empty inline icon that keeps browsers from asking for /favicon.ico).
        assertThat(html.replace("<link rel=\"icon\" href=\"data:,\">", ""))
                .doesNotContain("<link", "<script", "src=", "url(", "@import", "href=\"http");
    }

    @Test
    void showsEveryPlotInlineAndTheParameters() {
        String html = web(RUN, ANALYSIS, null);
        assertThat(html).contains("id=\"clock-plot\"><svg", "id=\"drift-plot\"><svg", "id=\"queue-plot\"><svg",
                "id=\"jump-plot\"><svg", "id=\"space-time-diagram\"><svg");
        assertThat(html).contains("vm1 1/s, vm2 3/s, vm3 6/s").contains("1..10").contains("<dd>42</dd>").contains("simulated");
    }

    @Test
    void aCleanRunSaysPassed() {
        assertThat(web(RUN, ANALYSIS, null)).contains("class=\"verdict passed\"").contains("PASSED");
    }

    @Test
    void violationsAreListedAndCapped() {
        List<Violation> many = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> new Violation(Rule.UPDATE_RULE, "vm2", i, "clock <bad> " + i)).toList();
        String html = web(RUN, withVerdict(new CheckReport(100, many)), null);
        assertThat(html).contains("FAILED: 60 violations").doesNotContain("PASSED");
        assertThat(html).contains("<code>UPDATE_RULE</code> at <code>vm2#7</code>: clock &lt;bad&gt; 7");
        assertThat(html.split("<li><code>UPDATE_RULE", -1)).hasSize(RunReportPage.MAX_VIOLATIONS_SHOWN + 1);
        assertThat(html).contains("… and 10 more");
    }

    @Test
    void perVmStatsTableHasAColumnPerVm() {
        String html = web(RUN, ANALYSIS, null);
        String table = html.substring(html.indexOf("<table class=\"stats\">"), html.indexOf("</table>", html.indexOf("<table class=\"stats\">")));
        assertThat(table).contains("rate given", "rate measured", "p95", "slope", "model prediction", "addressed here", "still queued");
        assertThat(table.split("<td class=\"num\">", -1)).hasSize(1 + 3 * 22);
    }

    @Test
    void webLinksNavigateTheSpaceTimeWindowAndDownload() {
        String html = web(RUN, ANALYSIS, SpaceTimeWindow.of(10, 20));
        assertThat(html).contains("href=\"/runs/run-1?from=0&amp;to=10#space-time\">← earlier")
                .contains("href=\"/runs/run-1?from=20&amp;to=30#space-time\">later →")
                .contains("href=\"/runs/run-1?from=12.5&amp;to=17.5#space-time\">zoom in")
                .contains("href=\"/runs/run-1?from=5&amp;to=25#space-time\">zoom out");
        assertThat(html).contains("href=\"/runs/run-1/stats.csv\"", "href=\"/runs/run-1/logs.zip\"", "href=\"/api/runs/run-1/analysis\"");
    }

    @Test
    void theFirstWindowHasNoEarlierLink() {
        assertThat(web(RUN, ANALYSIS, null)).contains("<span>← earlier</span>");
    }

    @Test
    void staticLinksAreRelativeFilesWithoutWindowNavigation() {
        String html = new RunReportPage(StaticReportLinks.forRun(false)).render(RUN, ANALYSIS, new SpaceTimeDiagram(EVENTS), null);
        assertThat(html).contains("href=\"stats.csv\"", "href=\"analysis.json\"").doesNotContain("logs.zip").doesNotContain("zoom in");
    }

    @Test
    void linksToItsExperiment() {
        RunView inExperiment = new RunView("r", "FINISHED", RunMode.LIVE, ReportFixtures.RATES, 10, null, null, null, null, "e 1", "Rates");
        assertThat(web(inExperiment, ANALYSIS, null)).contains("<a href=\"/experiments/e%201\">Rates</a>").contains("<dd>live</dd>");
    }

    @Test
    void hostileNamesAreEscapedEverywhere() {
        String hostile = "<script>alert(1)</script>";
        RunView run = new RunView(hostile, hostile, RunMode.LIVE, Map.of(hostile, 3), 10, null, null, null, null, hostile, hostile);
        String html = web(run, ANALYSIS, null);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("/runs/%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
    }

    @Test
    void worksWithoutEventsOrData() {
        String html = new RunReportPage(ReportLinks.web()).render(RUN, ReportFixtures.emptyAnalysis("run-1"), null, null);
        assertThat(html).contains("No VM logged anything").contains("not available").contains("no data yet");
    }
}
