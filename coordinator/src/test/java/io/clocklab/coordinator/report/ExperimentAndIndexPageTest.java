package io.clocklab.coordinator.report;

import io.clocklab.coordinator.run.RunMode;
import io.clocklab.core.analysis.Estimate;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.VariationSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentAndIndexPageTest {

    private static final ExperimentHeader EXPERIMENT = new ExperimentHeader("exp-1", "Rates", RunMode.SIMULATED, "RUNNING", 4, 7,
            ReportFixtures.START, null);

    @Test
    void experimentPageShowsProgressVariationsWithIntervalsAndTheComparison() {
        String html = new ExperimentReportPage(ReportLinks.web()).render(EXPERIMENT, ReportFixtures.experiment());
        assertThat(html).startsWith("<!doctype html>").contains("<meta name=\"viewport\"");
        assertThat(html).contains("4 of 7 runs").contains("RUNNING").contains("simulated");
        assertThat(html).contains("<td>rates 1/3/6</td>").contains("3.9<br><span class=\"muted\">[3.1, 4.7]</span>");
        assertThat(html).contains("id=\"variation-plot\"><svg");
        assertThat(html).contains("<a href=\"/runs/r4\">r4</a>").contains("href=\"/experiments/exp-1/stats.csv\"");
    }

    @Test
    void experimentPageLinksRunsToTheirStaticDirectories() {
        String html = new ExperimentReportPage(StaticReportLinks.forExperiment()).render(EXPERIMENT, ReportFixtures.experiment());
        assertThat(html).contains("<a href=\"runs/r7/index.html\">r7</a>").contains("href=\"stats.csv\"");
    }

    @Test
    void experimentPageEscapesHostileLabels() {
        Estimate e = new Estimate(1, 1, 1, 1);
        ExperimentAnalysis analysis = new ExperimentAnalysis(List.of(new VariationSummary("<script>x</script>", List.of("<i>"), e, e, e, e)));
        ExperimentHeader view = new ExperimentHeader("<b>", "<script>y</script>", RunMode.LIVE, "<s>", 0, 1, null, null);
        String html = new ExperimentReportPage(ReportLinks.web()).render(view, analysis);
        assertThat(html).doesNotContain("<script>").doesNotContain("<i>").doesNotContain("<s>").doesNotContain("<b>");
    }

    @Test
    void indexListsRunsAndExperimentsWithLinks() {
        String html = new IndexPage(ReportLinks.web()).render(
                List.of(new IndexEntry("run-1", "FINISHED", ReportFixtures.START, "3 VMs, 60 s")),
                List.of(new IndexEntry("exp-1", "RUNNING", null, "2 variations")));
        assertThat(html).contains("<a href=\"/runs/run-1\">run-1</a>").contains("2025-03-01 10:00:00 UTC").contains("3 VMs, 60 s")
                .contains("<a href=\"/experiments/exp-1\">exp-1</a>");
    }

    @Test
    void indexPollsLiveClocksFromADataAttributeWithASilentFailure() {
        String html = new IndexPage(ReportLinks.web()).render(List.of(), List.of());
        assertThat(html).contains("id=\"live-clocks\" data-url=\"/api/clocks\"").contains("<script>")
                .contains("setTimeout(poll, 1000)").contains("'unavailable'").doesNotContain("console.");
        assertThat(html).contains("None yet.");
    }

    @Test
    void indexWarnsOfTheDefaultSecretAndSaysHowToSetAnother() {
        String html = new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(true, true)).render(List.of(), List.of());
        assertThat(html).contains("<section class=\"banner\" id=\"safety-warnings\" role=\"alert\">")
                .contains("The default cluster secret (clocklab-dev-secret-change-me) is in use")
                .contains("Set CLOCKLAB_CLUSTER_SECRET to a secret of your own")
                .doesNotContain("port 8080");
        assertThat(html.indexOf("safety-warnings")).isLessThan(html.indexOf("<h1>"));
    }

    @Test
    void indexHasNoSecretWarningWithAnotherSecret() {
        String html = new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(false, true)).render(List.of(), List.of());
        assertThat(html).doesNotContain("safety-warnings").doesNotContain("default cluster secret").doesNotContain("CLOCKLAB_CLUSTER_SECRET");
    }

    @Test
    void indexWarnsThatAnyoneCanStartRunsWithoutAnApiToken() {
        String html = new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(false, false)).render(List.of(), List.of());
        assertThat(html).contains("id=\"safety-warnings\"")
                .contains("anyone who can reach port 8080 can start runs")
                .contains("Set CLOCKLAB_API_TOKEN").contains("&#39;Authorization: Bearer &lt;token&gt;&#39;")
                .doesNotContain("default cluster secret");
        String both = new IndexPage(ReportLinks.web(), IndexPage.safetyWarnings(true, false)).render(List.of(), List.of());
        assertThat(both).contains("default cluster secret").contains("port 8080");
    }

    @Test
    void indexEscapesHostileEntriesAndHasNoLivePanelWithoutAnUrl() {
        String hostile = "\"><script>alert(1)</script>";
        String html = new IndexPage(StaticReportLinks.forExperiment()).render(
                List.of(new IndexEntry(hostile, hostile, null, hostile)), List.of());
        assertThat(html).doesNotContain("<script>").doesNotContain("live-clocks");
    }
}
