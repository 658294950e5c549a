package io.clocklab.coordinator.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.coordinator.CoordinatorTestSupport;
import io.clocklab.report.browser.HeadlessChromium.ConsoleMessage;
import io.clocklab.report.browser.HeadlessChromium.PageVisit;
import io.clocklab.report.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator's own pages in a real headless Chromium, after a simulated experiment: every
 * chart renders with a size, and no page logs a console error. Screenshots are kept in
 * {@code target/browser-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPagesBrowserIT {

    @LocalServerPort
    int port;
    HeadlessChromium browser;
    String experimentId;
    String runId;

    @BeforeAll
    void runAnExperiment() {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        experimentId = json(api.post("/api/experiments", """
                {"name":"The exercise: wide vs narrow spread","runs":5,"durationSeconds":60,"seed":2026,"mode":"simulated",
                 "variations":[{"label":"rates 1-6","clockRateMin":1,"clockRateMax":6},
                               {"label":"rates 3-4, fewer internal events","clockRateMin":3,"clockRateMax":4,"randomRange":4}]}"""))
                .get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> json(api.get("/api/experiments/" + experimentId)).get("state").asText().equals("FINISHED"));
        JsonNode experiment = json(api.get("/api/experiments/" + experimentId));
        runId = experiment.at("/runs/0/runId").asText();
        browser = new HeadlessChromium("localhost");
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static void assertRendered(PageVisit visit, int charts) {
        assertThat(visit.console()).filteredOn(ConsoleMessage::isError).isEmpty();
        assertThat(visit.svgs()).hasSizeGreaterThanOrEqualTo(charts)
                .allSatisfy(svg -> assertThat(svg.width()).as(svg.label()).isGreaterThan(100))
                .allSatisfy(svg -> assertThat(svg.height()).as(svg.label()).isGreaterThan(100));
        assertThat(visit.screenshot()).isNotEmptyFile();
    }

    @Test
    void aRunReportDrawsEveryPlotAndTheSpaceTimeDiagram() {
        PageVisit visit = browser.open(url("/runs/" + runId), "coordinator-run-report");

        assertRendered(visit, 5);
        assertThat(visit.title()).contains(runId);
    }

    @Test
    void aZoomedSpaceTimeWindowRenders() {
        PageVisit visit = browser.open(url("/runs/" + runId + "?from=20&to=22"), "coordinator-run-report-zoomed");

        assertRendered(visit, 5);
    }

    @Test
    void theExperimentReportComparesTheVariations() {
        PageVisit visit = browser.open(url("/experiments/" + experimentId), "coordinator-experiment-report");

        assertRendered(visit, 1);
        assertThat(visit.title()).contains("wide vs narrow");
    }

    @Test
    void theIndexListsTheRunsAndExperimentsWithoutErrors() {
        PageVisit visit = browser.open(url("/"), "coordinator-index");

        assertThat(visit.console()).filteredOn(ConsoleMessage::isError).isEmpty();
        assertThat(browser.driver().getPageSource()).contains(experimentId, runId);
    }
}
