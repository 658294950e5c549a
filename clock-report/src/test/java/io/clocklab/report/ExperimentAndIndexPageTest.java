package io.clocklab.report;

import io.clocklab.core.analysis.Estimate;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.VariationSummary;
import io.clocklab.core.run.RunMode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentAndIndexPageTest {

    private static final ExperimentHeader EXPERIMENT = new ExperimentHeader("exp-1", "Rates", RunMode.SIMULATED, "RUNNING", 4, 7,
            ReportFixtures.START, null);

    @Test
    void experimentPageShowsProgressVariationsWithIntervalsAndTheComparison() {
        String html = new ExperimentReportPage(ReportLinks.web()).render(EXPERIMENT, ReportFixtures.experiment());
        Document page = Pages.parse(html);
        assertThat(html).startsWith("<!doctype html>");
        assertThat(page.select("meta[name=viewport]")).hasSize(1);
        assertThat(page.title()).isEqualTo("Experiment Rates – clocklab");
        assertThat(Pages.definitions(page.selectFirst("dl.params"))).containsEntry("progress", "4 of 7 runs")
                .containsEntry("status", "RUNNING").containsEntry("mode", "simulated").containsEntry("id", "exp-1");
        assertThat(page.select("table.variations tbody tr")).hasSize(3);
        Element second = page.select("table.variations tbody tr").get(1);
        assertThat(second.select("td")).extracting(Element::text).containsExactly("2", "rates 1/3/6", "3", "3.9 [3.1, 4.7]", "11 [9, 13]",
                "0.45 [0.3, 0.6]", "180 [150, 210]", "r4, r5, r6");
        assertThat(second.child(3).select("span.muted").text()).isEqualTo("[3.1, 4.7]");
        assertThat(page.select("table.variations tbody tr").get(2).child(3).text()).as("one run: no interval").isEqualTo("5.2");
        assertThat(page.select("figure#variation-plot > svg")).hasSize(1);
        assertThat(Pages.links(second.child(7))).containsExactly(Map.entry("r4", "/runs/r4"), Map.entry("r5", "/runs/r5"),
                Map.entry("r6", "/runs/r6"));
        assertThat(page.select("ul.downloads a")).extracting(a -> a.attr("href")).contains("/experiments/exp-1/stats.csv");
    }

    @Test
    void experimentPageLinksRunsToTheirStaticDirectories() {
        Document page = Pages.parse(new ExperimentReportPage(StaticReportLinks.forExperiment()).render(EXPERIMENT, ReportFixtures.experiment()));
        assertThat(Pages.links(page.selectFirst("table.variations"))).contains(Map.entry("r7", "runs/r7/index.html"));
        assertThat(page.select("ul.downloads a")).extracting(a -> a.attr("href")).contains("stats.csv");
    }

    @Test
    void experimentPageEscapesHostileLabels() {
        Estimate e = new Estimate(1, 1, 1, 1);
        ExperimentAnalysis analysis = new ExperimentAnalysis(List.of(new VariationSummary("<script>x</script>", List.of("<i>"), e, e, e, e)));
        ExperimentHeader view = new ExperimentHeader("<b>", "<script>y</script>", RunMode.LIVE, "<s>", 0, 1, null, null);
        Document page = Pages.parse(new ExperimentReportPage(ReportLinks.web()).render(view, analysis));
        assertThat(page.select("script, i, s, b")).isEmpty();
        assertThat(page.selectFirst("h1").text()).isEqualTo("Experiment <script>y</script>");
        assertThat(page.selectFirst("table.variations tbody tr").child(1).text()).isEqualTo("<script>x</script>");
        assertThat(Pages.definitions(page.selectFirst("dl.params"))).containsEntry("id", "<b>").containsEntry("status", "<s>");
    }

    @Test
    void indexListsRunsAndExperimentsWithLinks() {
        Document page = Pages.parse(new IndexPage(ReportLinks.web()).render(
                List.of(new IndexEntry("run-1", "FINISHED", ReportFixtures.START, "3 VMs, 60 s")),
                List.of(new IndexEntry("exp-1", "RUNNING", null, "2 variations"))));
        assertThat(page.select("table.runs tbody tr td")).extracting(Element::text)
                .containsExactly("run-1", "FINISHED", "2026-11-21 10:00:00 UTC", "3 VMs, 60 s");
        assertThat(page.select("table.experiments tbody tr td")).extracting(Element::text)
                .containsExactly("exp-1", "RUNNING", "–", "2 variations");
        assertThat(Pages.links(page.selectFirst("table.runs"))).containsExactly(Map.entry("run-1", "/runs/run-1"));
        assertThat(Pages.links(page.selectFirst("table.experiments"))).containsExactly(Map.entry("exp-1", "/experiments/exp-1"));
    }

    @Test
    void indexPollsLiveClocksFromADataAttributeWithASilentFailure() {
        Document page = Pages.parse(new IndexPage(ReportLinks.web()).render(List.of(), List.of()));
        assertThat(page.selectFirst("section#live-clocks").attr("data-url")).isEqualTo("/api/clocks");
        assertThat(page.select("#live-clocks table thead th")).hasSize(5);
        String script = page.select("script").html();
        assertThat(script).contains("setTimeout(poll, 1000)").contains("'unavailable'").doesNotContain("console.");
        assertThat(page.select("h2#runs + p").text()).isEqualTo("None yet.");
        assertThat(page.select("h2#experiments + p").text()).isEqualTo("None yet.");
    }

    @Test
    void indexWarnsOfTheDefaultSecretAndSaysHowToSetAnother() {
        Document page = Pages.parse(new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(true, true)).render(List.of(), List.of()));
        Element banner = page.selectFirst("section.banner#safety-warnings[role=alert]");
        assertThat(banner.select("p")).extracting(Element::text).containsExactly("Warning: " + IndexPage.DEFAULT_SECRET_WARNING);
        assertThat(banner.text()).contains("The default cluster secret (clocklab-dev-secret-change-me) is in use")
                .contains("Set CLOCKLAB_CLUSTER_SECRET to a secret of your own").doesNotContain("port 8080");
        assertThat(banner.elementSiblingIndex()).isLessThan(page.selectFirst("h1").elementSiblingIndex());
    }

    @Test
    void indexHasNoSecretWarningWithAnotherSecret() {
        String html = new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(false, true)).render(List.of(), List.of());
        assertThat(Pages.parse(html).select("#safety-warnings")).isEmpty();
        assertThat(html).doesNotContain("default cluster secret").doesNotContain("CLOCKLAB_CLUSTER_SECRET");
    }

    @Test
    void indexWarnsThatAnyoneCanStartRunsWithoutAnApiToken() {
        Document page = Pages.parse(new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(false, false)).render(List.of(), List.of()));
        assertThat(page.select("#safety-warnings p")).extracting(Element::text).containsExactly("Warning: " + IndexPage.NO_API_TOKEN_WARNING);
        assertThat(page.select("#safety-warnings").text()).contains("anyone who can reach port 8080 can start runs")
                .contains("'Authorization: Bearer <token>'");
        Document both = Pages.parse(new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(true, false)).render(List.of(), List.of()));
        assertThat(both.select("#safety-warnings p")).hasSize(2);
    }

    @Test
    void indexEscapesHostileEntriesAndHasNoLivePanelWithoutAnUrl() {
        String hostile = "\"><script>alert(1)</script>";
        Document page = Pages.parse(new IndexPage(StaticReportLinks.forExperiment()).render(
                List.of(new IndexEntry(hostile, hostile, null, hostile)), List.of()));
        assertThat(page.select("script, #live-clocks")).isEmpty();
        assertThat(page.select("table.runs tbody td")).extracting(Element::text).containsExactly(hostile, hostile, "–", hostile);
    }
}
