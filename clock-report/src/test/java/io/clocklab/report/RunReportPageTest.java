package io.clocklab.report;

import io.clocklab.core.analysis.JumpStats;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.causality.CausalityAnalyzer;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.causality.FalseOrdering;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.check.Rule;
import io.clocklab.core.check.Undelivered.Reason;
import io.clocklab.core.check.Undelivered;
import io.clocklab.core.check.Violation;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.run.RunMode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
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

    private static Document page(RunView run, RunAnalysis analysis, SpaceTimeWindow window) {
        return Pages.parse(web(run, analysis, window));
    }

    private static RunAnalysis withVerdict(CheckReport verdict) {
        RunAnalysis a = ANALYSIS;
        return new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), a.events(), a.vms(), a.series(), verdict);
    }

    @Test
    void isACompleteHtml5PageWithViewportAndInlineStyle() {
        String html = web(RUN, ANALYSIS, null);
        Document page = Pages.parse(html);
        assertThat(html).startsWith("<!doctype html>");
        assertThat(page.select("meta[name=viewport]")).hasSize(1);
        assertThat(page.select("head > style")).hasSize(1);
        assertThat(page.title()).isEqualTo("Run run-1 – clocklab");
        // Self-contained: nothing loaded from elsewhere (the SVG namespace URI is a name, not a fetch;
        // the one <link> is the empty inline icon that keeps browsers from asking for /favicon.ico).
        assertThat(page.select("link")).extracting(link -> link.attr("href")).containsExactly("data:,");
        assertThat(page.select("script, [src], img, iframe")).isEmpty();
        assertThat(page.select("a[href^=http]")).isEmpty();
        assertThat(page.select("style").html()).doesNotContain("url(", "@import");
    }

    @Test
    void showsEveryPlotInlineAndTheParameters() {
        Document page = page(RUN, ANALYSIS, null);
        assertThat(page.select("figure > svg")).extracting(svg -> svg.parent().id())
                .containsExactly("clock-plot", "drift-plot", "queue-plot", "jump-plot", "space-time-diagram");
        Map<String, String> params = Pages.definitions(page.selectFirst("dl.params"));
        assertThat(params).containsEntry("clock rates", "vm1 1/s, vm2 3/s, vm3 6/s").containsEntry("random range", "1..10")
                .containsEntry("seed", "42").containsEntry("mode", "simulated").containsEntry("id", "run-1");
    }

    @Test
    void aCleanRunSaysPassed() {
        assertThat(page(RUN, ANALYSIS, null).select(".verdict.passed").text()).startsWith("✓ PASSED:").endsWith("every rule holds.");
    }

    @Test
    void violationsAreListedAndCapped() {
        List<Violation> many = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> new Violation(Rule.UPDATE_RULE, "vm2", i, "clock <bad> " + i)).toList();
        Document page = page(RUN, withVerdict(new CheckReport(100, many)), null);
        Element verdict = page.selectFirst(".verdict.failed");
        assertThat(verdict.selectFirst("strong").text()).isEqualTo("✗ FAILED: 60 violations");
        assertThat(page.select(".verdict.passed")).isEmpty();
        Elements items = verdict.select("ul.violations > li");
        assertThat(items).hasSize(RunReportPage.MAX_VIOLATIONS_SHOWN);
        assertThat(items.get(6).text()).isEqualTo("UPDATE_RULE at vm2#7: clock <bad> 7");
        assertThat(verdict.select("p.more").text()).startsWith("… and 10 more");
    }

    @Test
    void perVmStatsTableHasAColumnPerVm() {
        Element table = page(RUN, ANALYSIS, null).selectFirst("table.stats");
        assertThat(table.select("thead th.num")).extracting(Element::text).containsExactly("vm1", "vm2", "vm3");
        Elements rows = table.select("tbody tr:not(.group)");
        assertThat(rows).extracting(row -> row.child(0).text())
                .contains("rate given (ticks/s)", "rate measured (events/s)", "p95", "slope (ticks/s)", "model prediction (messages/s)",
                        "addressed here", "still queued");
        assertThat(rows).hasSize(22).allSatisfy(row -> assertThat(row.select("td.num")).hasSize(3));
        assertThat(table.select("tbody tr.group th")).hasSize(5).allSatisfy(group -> assertThat(group.attr("colspan")).isEqualTo("4"));
        assertThat(Pages.row(table, "rate given (ticks/s)")).containsExactly("1", "3", "6");
    }

    @Test
    void webLinksNavigateTheSpaceTimeWindowAndDownload() {
        Document page = page(RUN, ANALYSIS, SpaceTimeWindow.of(10, 20));
        assertThat(Pages.links(page.selectFirst(".toolbar"))).containsExactly(
                Map.entry("← earlier", "/runs/run-1?from=0&to=10#space-time"),
                Map.entry("zoom in", "/runs/run-1?from=12.5&to=17.5#space-time"),
                Map.entry("zoom out", "/runs/run-1?from=5&to=25#space-time"),
                Map.entry("later →", "/runs/run-1?from=20&to=30#space-time"),
                Map.entry("first window", "/runs/run-1?from=0&to=10#space-time"));
        assertThat(page.select("ul.downloads a")).extracting(a -> a.attr("href"))
                .containsExactly("/runs/run-1/stats.csv", "/runs/run-1/logs.zip", "/api/runs/run-1/analysis");
    }

    @Test
    void happensBeforeIsShownWithItsPlotAndItsFalseOrderingsLinkedToTheirWindows() {
        CausalityReport causality = CausalityAnalyzer.analyze(List.of("vm1", "vm2", "vm3"), RunEvents.of(EVENTS));
        Document page = Pages.parse(new RunReportPage(ReportLinks.web()).render(RUN, ANALYSIS, causality, new SpaceTimeDiagram(EVENTS), null));

        Element section = page.selectFirst("dl.causality");
        assertThat(section.text()).contains(String.format(java.util.Locale.ROOT, "%,d of %,d", causality.concurrentPairs(), causality.pairs()),
                String.format(java.util.Locale.ROOT, "%,d concurrent pairs that Lamport's clock orders", causality.falseOrderings()),
                "longest causal chain " + causality.longestChain() + " events, ending at " + causality.chainEnd().vm() + "#" + causality.chainEnd().seq());
        assertThat(page.select("table.growth tbody tr")).extracting(row -> row.child(0).text() + " " + row.child(4).text())
                .containsExactly(causality.vms().stream().map(vm -> vm.vm() + " " + vm.fromReceives()).toArray(String[]::new));
        assertThat(page.select("figure#concurrency-plot svg polyline, figure#concurrency-plot svg path")).isNotEmpty();
        Elements rows = page.select("table.false-orderings tbody tr");
        assertThat(rows).hasSize(causality.falseOrderingExamples().size()).isNotEmpty();
        FalseOrdering first = causality.falseOrderingExamples().get(0);
        assertThat(rows.get(0).child(0).text()).isEqualTo(first.lower().vm() + "#" + first.lower().seq() + " (" + first.lower().logicalClock() + ")");
        assertThat(rows.get(0).child(4).text()).isEqualTo(Long.toString(first.gap()));
        SpaceTimeWindow window = SpaceTimeWindow.parse(query(rows.get(0).selectFirst("a").attr("href"), "from"),
                query(rows.get(0).selectFirst("a").attr("href"), "to"), null);
        assertThat(window.contains(ReportFixtures.seconds(ANALYSIS.start(), first.lower().systemTime()))).isTrue();
        assertThat(window.contains(ReportFixtures.seconds(ANALYSIS.start(), first.higher().systemTime()))).isTrue();
        assertThat(page.select("ul.downloads a")).extracting(a -> a.attr("href")).contains("/api/runs/run-1/causality", "/runs/run-1/shiviz.log");
        assertThat(page.select(".happens-before-pending")).isEmpty();
    }

    @Test
    void withoutHappensBeforeThePageSaysWhenItComesAndTheStaticOneHasNoWindowLinks() {
        assertThat(page(RUN, ANALYSIS, null).select(".happens-before-pending")).hasSize(1);
        assertThat(page(RUN, ANALYSIS, null).select("ul.downloads a")).extracting(a -> a.attr("href")).doesNotContain("/runs/run-1/shiviz.log");

        CausalityReport causality = CausalityAnalyzer.analyze(List.of("vm1", "vm2", "vm3"), RunEvents.of(EVENTS));
        Document page = Pages.parse(new RunReportPage(StaticReportLinks.forRun(false)).render(RUN, ANALYSIS, causality, new SpaceTimeDiagram(EVENTS), null));
        assertThat(page.select("table.false-orderings tbody tr")).isNotEmpty().allSatisfy(row -> assertThat(row.select("a")).isEmpty());
        assertThat(page.select("ul.downloads a")).extracting(a -> a.attr("href")).containsExactly("stats.csv", "analysis.json", "causality.json", "shiviz.log");
    }

    @Test
    void aDiagramWithVectorClocksGetsTheClickThatShowsCausalityAndOneWithoutDoesNot() {
        SpaceTimeDiagram plain = new SpaceTimeDiagram(EVENTS);
        SpaceTimeDiagram withVectors = plain.withVectors(EventVectors.of(List.of("vm1", "vm2", "vm3"), RunEvents.of(EVENTS), plain));

        Document page = Pages.parse(new RunReportPage(ReportLinks.web()).render(RUN, ANALYSIS, null, withVectors, null));
        Document without = Pages.parse(new RunReportPage(ReportLinks.web()).render(RUN, ANALYSIS, null, plain, null));

        assertThat(page.select("p.causal-hint")).hasSize(1);
        assertThat(page.select("#causal-status")).hasSize(1);
        assertThat(page.select("script").html()).contains("g.events.causal", "causal-past", "causal-future", "concurrent");
        assertThat(page.select("figure#space-time-diagram g.events.causal [data-vc]")).isNotEmpty();
        assertThat(without.select("p.causal-hint, #causal-status, g.events.causal")).isEmpty();
        assertThat(without.select("p.causal-too-long")).as("a short run, not yet derived").isEmpty();
    }

    @Test
    void aRunTooLongForVectorsInItsDiagramSaysSo() {
        RunAnalysis a = ANALYSIS;
        RunAnalysis big = new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), EventVectors.MAX_RUN_EVENTS + 1,
                a.vms(), a.series(), a.verdict());
        CausalityReport causality = CausalityAnalyzer.analyze(List.of("vm1", "vm2", "vm3"), RunEvents.of(EVENTS));

        Document page = Pages.parse(new RunReportPage(ReportLinks.web()).render(RUN, big, causality, new SpaceTimeDiagram(EVENTS), null));

        assertThat(page.select("p.causal-too-long").text()).isEqualTo(
                "Clicking an event to light up its causal past and future works for runs of up to 100,000 events; this one has 100,001.");
        assertThat(page.select("p.causal-hint")).isEmpty();
    }

    @Test
    void whatIsSaidInsteadOfHappensBeforeIsShownAsGiven() {
        Document page = Pages.parse(new RunReportPage(ReportLinks.web()).render(RUN, ANALYSIS, null, "Not derived: <too many> messages.",
                new SpaceTimeDiagram(EVENTS), null));

        assertThat(page.select("p.happens-before-note").text()).isEqualTo("Not derived: <too many> messages.");
        assertThat(page.select("p.happens-before-pending, dl.causality")).isEmpty();
    }

    private static String query(String href, String name) {
        for (String part : href.substring(href.indexOf('?') + 1, href.indexOf('#')).split("&")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + href);
    }

    @Test
    void theFirstWindowHasNoEarlierLink() {
        Element toolbar = page(RUN, ANALYSIS, null).selectFirst(".toolbar");
        assertThat(toolbar.select("span")).extracting(Element::text).containsExactly("← earlier");
        assertThat(toolbar.select("a")).extracting(Element::text).doesNotContain("← earlier");
    }

    @Test
    void staticLinksAreRelativeFilesWithoutWindowNavigation() {
        Document page = Pages.parse(new RunReportPage(StaticReportLinks.forRun(false)).render(RUN, ANALYSIS, new SpaceTimeDiagram(EVENTS), null));
        assertThat(page.select("ul.downloads a")).extracting(a -> a.attr("href")).containsExactly("stats.csv", "analysis.json");
        assertThat(page.select(".toolbar")).isEmpty();
        assertThat(page.select("nav.crumbs")).isEmpty();
    }

    @Test
    void linksToItsExperiment() {
        RunView inExperiment = new RunView("r", "FINISHED", RunMode.LIVE, ReportFixtures.RATES, 10, null, null, null, null, "e 1", "Rates");
        Document page = page(inExperiment, ANALYSIS, null);
        Map<String, String> params = Pages.definitions(page.selectFirst("dl.params"));
        assertThat(params).containsEntry("experiment", "Rates").containsEntry("mode", "live");
        assertThat(page.select("dl.params a")).extracting(a -> a.attr("href")).containsExactly("/experiments/e%201");
    }

    @Test
    void theClockAlgorithmAndTheSkewsAreParameters() {
        RunView hybrid = new RunView("r", "FINISHED", RunMode.LIVE, ReportFixtures.RATES, 10, null, null, null, null, null, null,
                io.clocklab.core.model.ClockKind.HYBRID, Map.of("vm3", new io.clocklab.core.model.ClockSkew(150, 2000),
                "vm1", new io.clocklab.core.model.ClockSkew(-20, -0.4)));
        Map<String, String> params = Pages.definitions(page(hybrid, ANALYSIS, null).selectFirst("dl.params"));
        assertThat(params).containsEntry("clock", "hybrid (beside Lamport's)")
                .containsEntry("clock skew", "vm1 -20 ms, -0.4 ppm; vm3 +150 ms, +2000 ppm");
        RunView lamport = new RunView("r", "FINISHED", RunMode.LIVE, ReportFixtures.RATES, 10, null, null, null, null, null, null);
        assertThat(Pages.definitions(page(lamport, ANALYSIS, null).selectFirst("dl.params"))).containsEntry("clock", "lamport")
                .doesNotContainKey("clock skew");
    }

    @Test
    void hostileNamesAreEscapedEverywhere() {
        String hostile = "<script>alert(1)</script>";
        RunView run = new RunView(hostile, hostile, RunMode.LIVE, Map.of(hostile, 3), 10, null, null, null, null, hostile, hostile);
        String html = web(run, ANALYSIS, null);
        Document page = Pages.parse(html);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.selectFirst("h1").text()).isEqualTo("Run " + hostile);
        assertThat(Pages.definitions(page.selectFirst("dl.params"))).containsEntry("state", hostile).containsEntry("experiment", hostile)
                .containsEntry("clock rates", hostile + " 3/s");
        assertThat(page.select("a[href*=runs]")).hasSize(7).extracting(a -> a.attr("href"))
                .allSatisfy(href -> assertThat(href).contains("/runs/%3Cscript%3Ealert%281%29%3C%2Fscript%3E"));
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
        Document page = page(RUN, withVm2Sampled(), null);

        assertThat(page.select("ul.muted.sampled > li")).extracting(Element::text).containsExactly(
                "p50, p95 and the histogram of vm2's jumps from a uniform sample of 250,000 of 2,900,000"
                        + " (count, mean and max are over every jump)");
        assertThat(page(RUN, ANALYSIS, null).select("ul.sampled")).isEmpty();
        // the static report is the same page
        Document staticPage = Pages.parse(new RunReportPage(StaticReportLinks.forRun(false))
                .render(RUN, withVm2Sampled(), new SpaceTimeDiagram(EVENTS), null));
        assertThat(staticPage.select("ul.sampled > li").text()).contains("vm2's jumps from a uniform sample of 250,000 of 2,900,000");
    }

    @Test
    void thePlotsSayTheyAreThinned() {
        RunAnalysis a = ANALYSIS;
        RunAnalysis longRun = new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), 10_800_000, a.vms(),
                a.series(), a.verdict());
        assertThat(page(RUN, longRun, null).select("p.muted.thinned").text()).startsWith("Each line is thinned to at most 1,000 points per VM");
        assertThat(ANALYSIS.events()).isLessThanOrEqualTo(1000);
        assertThat(page(RUN, ANALYSIS, null).select(".thinned")).isEmpty();
    }

    @Test
    void worksWithoutEventsOrData() {
        Document page = Pages.parse(new RunReportPage(ReportLinks.web()).render(RUN, ReportFixtures.emptyAnalysis("run-1"), null, null));
        assertThat(Pages.after(page, "stats").text()).isEqualTo("No VM logged anything.");
        assertThat(Pages.after(page, "space-time").text()).isEqualTo("The events of this run are not available.");
        assertThat(page.select("#clock-plot svg").text()).contains("no data yet");
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
        Document page = Pages.parse(html);

        Elements rows = page.select("table.outages tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("td")).extracting(Element::text).containsExactly("vm2",
                "2026-11-21 10:00:02 UTC (2 s)", "2026-11-21 10:00:04 UTC (4.5 s)", "restarted");
        assertThat(rows.get(1).select("td")).extracting(Element::text).containsExactly("vm3",
                "2026-11-21 10:00:08 UTC (8 s)", "still down when the run ended", "killed");
        assertThat(rows.get(0).select("td .swatch")).hasSize(1);
        for (String figure : List.of("clock-plot", "drift-plot", "queue-plot")) {
            XmlDoc doc = XmlDoc.parse(figure(html, figure));
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
        Document page = page(RUN, with(List.of(), delivery), null);

        assertThat(Pages.definitions(page.selectFirst("dl.delivery")))
                .containsEntry("addressed", "500 (a SEND to every peer counts once per recipient)").containsEntry("received", "440")
                .containsEntry("undelivered", "60 (QUEUED 40, IN_TRANSIT 15, RECIPIENT_DOWN 5)").containsEntry("lost", "0")
                .doesNotContainKey("not accounted for");
        assertThat(page.select("dl.delivery .ok").text()).isEqualTo("0");
        assertThat(page.select(".verdict.failed.lost")).isEmpty();
        Element details = page.selectFirst("details.undelivered");
        assertThat(details.selectFirst("summary").text()).isEqualTo("Undelivered messages: 60, the first 50 listed");
        Elements rows = details.select("table.undelivered tbody tr");
        assertThat(rows).hasSize(RunReportPage.MAX_MESSAGES_SHOWN);
        assertThat(rows.get(0).select("td")).extracting(Element::text).containsExactly("vm2-1", "vm2", "vm1", "QUEUED");
        assertThat(rows.get(0).select("td").last().attr("title")).isEqualTo("the recipient's queue still held it when the run ended");
        assertThat(rows.last().child(0).text()).isEqualTo("vm2-50");
        assertThat(details.select("p.more").text()).startsWith("… and 10 more");
        assertThat(details.select("ul.reasons > li")).extracting(Element::text).containsExactly(
                "QUEUED: the recipient's queue still held it when the run ended",
                "IN_TRANSIT: " + Reason.IN_TRANSIT.description(),
                "RECIPIENT_DOWN: the recipient was down until the run ended");
    }

    @Test
    void lostMessagesAreListedAsAFailureAndPairsNotAccountedForAreSaid() {
        List<String> lost = new ArrayList<>();
        for (int i = 1; i <= 52; i++) {
            lost.add("vm3-" + i + " to vm1");
        }
        DeliveryReport delivery = new DeliveryReport(200, 100, List.of(new Undelivered("vm2-9", "vm2", "vm3", Reason.IN_TRANSIT)), lost);
        Document page = page(RUN, with(List.of(), delivery), null);

        assertThat(page.select("dl.delivery .bad").text()).isEqualTo("52");
        assertThat(Pages.definitions(page.selectFirst("dl.delivery")).get("not accounted for")).startsWith("47 (no end state was collected");
        Element lostBox = page.selectFirst(".verdict.failed.lost");
        assertThat(lostBox.selectFirst("strong").text()).isEqualTo("✗ 52 messages lost");
        assertThat(lostBox.select("ul.lost > li")).hasSize(RunReportPage.MAX_MESSAGES_SHOWN).first()
                .extracting(Element::text).isEqualTo("vm3-1 to vm1");
        assertThat(lostBox.select("p.more").text()).startsWith("… and 2 more");
    }

    @Test
    void aRunningRunSaysItsBooksAreSoFarAndARunWithoutAccountingHasNoSection() {
        RunView running = new RunView("run-1", "RUNNING", RunMode.LIVE, ReportFixtures.RATES, 10, null, null, null, null, null, null);
        assertThat(Pages.after(page(running, with(List.of(), new DeliveryReport(3, 1, List.of(), List.of())), null), "delivery").text())
                .isEqualTo("The run is still going: these are the books so far.");
        Document unaccounted = page(RUN, with(List.of(), null), null);
        assertThat(unaccounted.select("#delivery, #outages")).isEmpty();
    }

    @Test
    void hostileIdsAndCausesAreEscapedOnThePage() {
        String hostile = "<script>alert(1)</script>";
        DeliveryReport delivery = new DeliveryReport(2, 0, List.of(new Undelivered(hostile, hostile, hostile, Reason.QUEUED)), List.of(hostile));
        Outage outage = new Outage(hostile, ANALYSIS.start(), null, hostile);
        Document page = page(RUN, with(List.of(outage), delivery), null);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("table.outages td").first().text()).isEqualTo(hostile);
        assertThat(page.select("table.undelivered td").first().text()).isEqualTo(hostile);
        assertThat(page.select("ul.lost li").text()).isEqualTo(hostile);
    }

    private static String figure(String html, String id) {
        int start = html.indexOf("<figure id=\"" + id + "\">") + ("<figure id=\"" + id + "\">").length();
        return html.substring(start, html.indexOf("</figure>", start));
    }
}
