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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** A hybrid run with a skewed VM: its page draws l - pt per VM over the ε band, with every other plot, and no console error. */
    @Test
    void aHybridRunsPageDrawsItsClocksAgainstEpsilon() {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        String hybrid = json(api.post("/api/experiments", """
                {"name":"hybrid clocks","runs":1,"durationSeconds":30,"seed":2026,"mode":"simulated","networkDelayMillis":20,
                 "variations":[{"label":"vm2 ahead","clock":"hybrid","clockSkew":{"vm2":{"offsetMillis":120,"driftPpm":-300}}}]}"""))
                .get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> json(api.get("/api/experiments/" + hybrid)).get("state").asText().equals("FINISHED"));
        String hybridRun = json(api.get("/api/experiments/" + hybrid)).at("/runs/0/runId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/runs/" + hybridRun).getBody().contains("id=\"hybrid-plot\""));

        PageVisit visit = browser.open(url("/runs/" + hybridRun), "coordinator-run-report-hybrid");

        assertRendered(visit, 6);
        assertThat(visit.svgs()).extracting(HeadlessChromium.SvgBox::figureId).contains("hybrid-plot");
    }

    @Test
    void aZoomedSpaceTimeWindowRenders() {
        PageVisit visit = browser.open(url("/runs/" + runId + "?from=20&to=22"), "coordinator-run-report-zoomed");

        assertRendered(visit, 5);
    }

    /**
     * A click on an event of the space-time diagram lights up its causal past and future and fades
     * what is concurrent with it: every event's class is checked against its vector clock, and a
     * second click clears them.
     */
    @Test
    @SuppressWarnings("unchecked")
    void clickingAnEventLightsUpItsCausalPastAndFutureAndFadesTheConcurrent() {
        browser.open(url("/runs/" + runId + "?from=20&to=26"), "coordinator-run-report-causal");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        List<WebElement> dots = browser.driver().findElements(By.cssSelector("svg g.events.causal [data-vc]"));
        assertThat(dots).hasSizeGreaterThan(10);
        WebElement chosen = dots.get(dots.size() / 2);
        String chosenId = chosen.getAttribute("data-event");

        js.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", chosen);

        List<String> vms = List.of(browser.driver().findElement(By.cssSelector("svg g.events.causal")).getAttribute("data-vms").split(","));
        List<Map<String, String>> states = (List<Map<String, String>>) js.executeScript(
                "return Array.prototype.map.call(document.querySelectorAll('svg g.events.causal [data-vc]'), function (d) {"
                        + " return {event: d.getAttribute('data-event'), vc: d.getAttribute('data-vc'), cls: d.getAttribute('class')}; });");
        long[] mine = vector(states.stream().filter(s -> s.get("event").equals(chosenId)).findFirst().orElseThrow().get("vc"));
        int me = vms.indexOf(chosenId.split("#")[0]);
        Map<String, Integer> kinds = new TreeMap<>();
        for (Map<String, String> state : states) {
            long[] theirs = vector(state.get("vc"));
            int them = vms.indexOf(state.get("event").split("#")[0]);
            String expected = state.get("event").equals(chosenId) ? "selected"
                    : theirs[them] <= mine[them] ? "causal-past" : mine[me] <= theirs[me] ? "causal-future" : "concurrent";
            assertThat(state.get("cls")).as(state.get("event")).contains(expected);
            kinds.merge(expected, 1, Integer::sum);
        }
        assertThat(kinds).containsKeys("selected", "causal-past", "causal-future", "concurrent");
        assertThat(browser.driver().findElement(By.id("causal-status")).getText()).startsWith(chosenId + " (clock ")
                .contains(kinds.get("causal-past") + " events happened before it", kinds.get("concurrent") + " are concurrent with it");
        assertThat(browser.look("coordinator-run-report-causal-clicked").console()).filteredOn(ConsoleMessage::isError).isEmpty();
        assertThat(browser.screenshotOf("figure#space-time-diagram", "coordinator-causal-click")).isNotEmptyFile();

        js.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", chosen);

        assertThat(browser.driver().findElements(By.cssSelector("svg g.events.causal .concurrent, svg g.events.causal .selected"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("causal-status")).getText()).isEmpty();
    }

    private static long[] vector(String text) {
        return Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
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
