package io.clocklab.coordinator.report;

import io.clocklab.coordinator.run.RunMode;
import io.clocklab.core.analysis.JumpStats;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.check.Rule;
import io.clocklab.core.check.Undelivered.Reason;
import io.clocklab.core.check.Undelivered;
import io.clocklab.core.check.Violation;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.Outage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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

    /** The fixture's analysis with vm2's jumps as if it had 2,900,000 and the analysis kept a sample of 250,000. */
    private static RunAnalysis withVm2Sampled() {
        RunAnalysis a = ANALYSIS;
        List<VmAnalysis> vms = new ArrayList<>(a.vms());
        VmAnalysis v = vms.get(1);
        JumpStats j = v.jumps();
        JumpStats sampled = new JumpStats(2_900_000, j.mean(), j.p50(), j.p95(), j.max(), j.histogram(), true, 250_000);
        vms.set(1, new VmAnalysis(v.vm(), v.clockRate(), v.measuredRate(), v.events(), v.sends(), v.receives(), v.internals(),
                v.finalClock(), sampled, v.drift(), v.queue(), v.messages()));
        return new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), a.events(), vms, a.series(),
                a.verdict(), a.outages(), a.delivery());
    }

    @Test
    void sampledJumpFiguresAreSaidToBeSampled() {
        String html = web(RUN, withVm2Sampled(), null);

        assertThat(html).contains("<ul class=\"muted sampled\">")
                .contains("p50, p95 and the histogram of vm2's jumps from a uniform sample of 250,000 of 2,900,000"
                        + " (count, mean and max are over every jump)");
        assertThat(html.split("from a uniform sample", -1)).hasSize(2);
        assertThat(web(RUN, ANALYSIS, null)).doesNotContain("uniform sample").doesNotContain("class=\"muted sampled\"");
        // the static report is the same page
        assertThat(new RunReportPage(StaticReportLinks.forRun(false)).render(RUN, withVm2Sampled(), new SpaceTimeDiagram(EVENTS), null))
                .contains("vm2's jumps from a uniform sample of 250,000 of 2,900,000");
    }

    @Test
    void thePlotsSayTheyAreThinned() {
        RunAnalysis a = ANALYSIS;
        RunAnalysis longRun = new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), 10_800_000, a.vms(),
                a.series(), a.verdict());
        assertThat(web(RUN, longRun, null)).contains("<p class=\"muted thinned\">Each line is thinned to at most 1,000 points per VM");
        assertThat(ANALYSIS.events()).isLessThanOrEqualTo(1000);
        assertThat(web(RUN, ANALYSIS, null)).doesNotContain("thinned");
    }

    @Test
    void worksWithoutEventsOrData() {
        String html = new RunReportPage(ReportLinks.web()).render(RUN, ReportFixtures.emptyAnalysis("run-1"), null, null);
        assertThat(html).contains("No VM logged anything").contains("not available").contains("no data yet");
    }

    private static RunAnalysis with(List<Outage> outages, DeliveryReport delivery) {
        RunAnalysis a = ANALYSIS;
        return new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), a.events(), a.vms(), a.series(),
                a.verdict(), outages, delivery);
    }

    /** 40 QUEUED at vm1, 15 IN_TRANSIT to vm2, 5 RECIPIENT_DOWN at vm3. */
    private static List<Undelivered> sixtyUndelivered() {
        List<Undelivered> undelivered = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            Reason reason = i <= 40 ? Reason.QUEUED : i <= 55 ? Reason.IN_TRANSIT : Reason.RECIPIENT_DOWN;
            String to = i <= 40 ? "vm1" : i <= 55 ? "vm2" : "vm3";
            undelivered.add(new Undelivered("vm2-" + i, "vm2", to, reason));
        }
        return undelivered;
    }

    @Test
    void outagesAreListedAndShadedInThePlotsAndTheDiagram() {
        Outage restarted = new Outage("vm2", ANALYSIS.start().plusSeconds(2), ANALYSIS.start().plusMillis(4500), "restarted");
        Outage killed = new Outage("vm3", ANALYSIS.start().plusSeconds(8), null, "killed");
        String html = web(RUN, with(List.of(restarted, killed), null), SpaceTimeWindow.of(0, 10));

        String table = html.substring(html.indexOf("<table class=\"outages\">"), html.indexOf("</table>", html.indexOf("<table class=\"outages\">")));
        assertThat(table.split("<tr><td>", -1)).hasSize(3);
        assertThat(table).contains("vm2</td>", "(2 s)", "(4.5 s)", "restarted", "vm3</td>", "(8 s)", "still down when the run ended", "killed");
        for (String figure : List.of("clock-plot", "drift-plot", "queue-plot")) {
            String svg = figure(html, figure);
            XmlDoc doc = XmlDoc.parse(svg);
            assertThat(doc.count("//rect[@class='outage']")).as(figure).isEqualTo(2);
            assertThat(doc.text("//g[@class='outage-entry'][@data-vm='vm2']/title")).isEqualTo("vm2 down (restarted)");
        }
        XmlDoc diagram = XmlDoc.parse(figure(html, "space-time-diagram"));
        assertThat(diagram.count("//g[@class='outage']")).isEqualTo(2);
        assertThat(diagram.text("//text[@class='outage-entry'][1]")).isEqualTo("vm2 down (restarted)");
    }

    @Test
    void undeliveredMessagesAreListedCappedWithTheTotalAndTheCountPerReason() {
        DeliveryReport delivery = new DeliveryReport(500, 440, sixtyUndelivered(), List.of());
        String html = web(RUN, with(List.of(), delivery), null);

        String section = html.substring(html.indexOf("<h2 id=\"delivery\">"), html.indexOf("<h2 id=\"stats\">"));
        assertThat(section).contains("<dt>addressed</dt><dd>500", "<dt>received</dt><dd>440</dd>",
                "<dt>undelivered</dt><dd>60 (QUEUED 40, IN_TRANSIT 15, RECIPIENT_DOWN 5)</dd>", "<dt>lost</dt><dd><span class=\"ok\">0</span>");
        assertThat(section).doesNotContain("not accounted for").doesNotContain("class=\"verdict failed lost\"");
        assertThat(section.split("<tr><td><code>vm2-", -1)).hasSize(RunReportPage.MAX_MESSAGES_SHOWN + 1);
        assertThat(section).contains("<tr><td><code>vm2-1</code></td><td>vm2</td><td>vm1</td>", "<code>vm2-50</code>")
                .doesNotContain("<code>vm2-51</code>").contains("… and 10 more");
        assertThat(section).contains("<code>QUEUED</code>: the recipient&#39;s queue still held it when the run ended")
                .contains("<code>RECIPIENT_DOWN</code>: the recipient was down until the run ended");
    }

    @Test
    void lostMessagesAreListedAsAFailureAndPairsNotAccountedForAreSaid() {
        List<String> lost = new ArrayList<>();
        for (int i = 1; i <= 52; i++) {
            lost.add("vm3-" + i + " to vm1");
        }
        DeliveryReport delivery = new DeliveryReport(200, 100, List.of(new Undelivered("vm2-9", "vm2", "vm3", Reason.IN_TRANSIT)), lost);
        String html = web(RUN, with(List.of(), delivery), null);

        String section = html.substring(html.indexOf("<h2 id=\"delivery\">"), html.indexOf("<h2 id=\"stats\">"));
        assertThat(section).contains("<dt>lost</dt><dd><span class=\"bad\">52</span>", "✗ 52 messages lost", "<li><code>vm3-1 to vm1</code></li>")
                .contains("<dt>not accounted for</dt><dd>47 ");
        assertThat(section.split("<li><code>vm3-", -1)).hasSize(RunReportPage.MAX_MESSAGES_SHOWN + 1);
        assertThat(section).contains("… and 2 more");
    }

    @Test
    void aRunningRunSaysItsBooksAreSoFarAndARunWithoutAccountingHasNoSection() {
        RunView running = new RunView("run-1", "RUNNING", RunMode.LIVE, ReportFixtures.RATES, 10, null, null, null, null, null, null);
        assertThat(web(running, with(List.of(), new DeliveryReport(3, 1, List.of(), List.of())), null)).contains("books so far");
        assertThat(web(RUN, ANALYSIS, null)).doesNotContain("id=\"delivery\"").doesNotContain("id=\"outages\"");
    }

    @Test
    void hostileIdsAndCausesAreEscapedOnThePage() {
        String hostile = "<script>alert(1)</script>";
        DeliveryReport delivery = new DeliveryReport(2, 0, List.of(new Undelivered(hostile, hostile, hostile, Reason.QUEUED)), List.of(hostile));
        Outage outage = new Outage(hostile, ANALYSIS.start(), null, hostile);
        String html = web(RUN, with(List.of(outage), delivery), null);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    private static String figure(String html, String id) {
        int start = html.indexOf("<figure id=\"" + id + "\">") + ("<figure id=\"" + id + "\">").length();
        return html.substring(start, html.indexOf("</figure>", start));
    }
}
