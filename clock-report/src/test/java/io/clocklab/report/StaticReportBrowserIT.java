package io.clocklab.report;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunMode;
import io.clocklab.report.browser.HeadlessChromium.ConsoleMessage;
import io.clocklab.report.browser.HeadlessChromium.PageVisit;
import io.clocklab.report.browser.HeadlessChromium.SvgBox;
import io.clocklab.report.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The static report as Chromium renders it from disk: every chart drawn, no console errors, a screenshot kept. */
class StaticReportBrowserIT {

    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() {
        browser = new HeadlessChromium();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void runReportRendersEveryChartWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        Map<String, List<Event>> events = ReportFixtures.simulate(7, ReportFixtures.RATES, 10, 3000);
        Path log = Files.writeString(dir.resolve("vm1.jsonl"), "{}\n");
        RunReportData data = new RunReportData(ReportFixtures.runView("run-7"),
                ReportFixtures.analyse("run-7", events, ReportFixtures.RATES, 10), events, Map.of("vm1.jsonl", log));
        StaticReport.writeRun(dir.resolve("report"), data);

        PageVisit visit = browser.open(dir.resolve("report/index.html").toUri().toString(), "static-run-report");

        assertThat(visit.title()).isEqualTo("Run run-7 – clocklab");
        assertThat(visit.svgs()).extracting(SvgBox::figureId)
                .containsExactly("clock-plot", "drift-plot", "queue-plot", "jump-plot", "space-time-diagram");
        assertThat(visit.svgs()).allSatisfy(svg -> {
            assertThat(svg.width()).as(svg.figureId() + " width").isGreaterThan(100);
            assertThat(svg.height()).as(svg.figureId() + " height").isGreaterThan(100);
        });
        assertThat(visit.console()).filteredOn(ConsoleMessage::isError).isEmpty();
        assertThat(visit.screenshot()).exists().isNotEmptyFile();
        for (String figure : List.of("clock-plot", "jump-plot", "space-time-diagram")) {
            assertThat(browser.screenshotOf("#" + figure, "static-run-report-" + figure)).isNotEmptyFile();
        }
    }

    @Test
    void aCrowdedSpaceTimeWindowStaysReadable(@TempDir Path dir) throws Exception {
        SpaceTimeDiagram diagram = new SpaceTimeDiagram(ReportFixtures.simulate(9, ReportFixtures.RATES, 10, 5000));
        Path page = Files.writeString(dir.resolve("dense.html"), "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>dense</title></head><body>" + new Figure("capped", diagram.render(SpaceTimeWindow.of(0, 200))).html()
                + new Figure("zoomed", diagram.render(SpaceTimeWindow.of(100, 102.5))).html() + "</body></html>\n");

        PageVisit visit = browser.open(page.toUri().toString(), "space-time-dense");

        assertThat(visit.svgs()).allSatisfy(svg -> assertThat(svg.height()).isGreaterThan(100));
        assertThat(visit.console()).filteredOn(ConsoleMessage::isError).isEmpty();
        browser.screenshotOf("#capped", "space-time-capped");
        browser.screenshotOf("#zoomed", "space-time-zoomed");
    }

    @Test
    void experimentReportRendersItsComparisonWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        Map<String, List<Event>> events = ReportFixtures.simulate(8, ReportFixtures.RATES, 10, 400);
        RunReportData run = ReportFixtures.reportData("r1", events);
        ExperimentHeader experiment = new ExperimentHeader("exp-1", "Rates and queues", RunMode.SIMULATED, "FINISHED", 7, 7,
                ReportFixtures.START, ReportFixtures.START.plusSeconds(420));
        StaticReport.writeExperiment(dir.resolve("exp"), experiment, ReportFixtures.experiment(), List.of(run));

        PageVisit visit = browser.open(dir.resolve("exp/index.html").toUri().toString(), "static-experiment-report");

        assertThat(visit.svgs()).extracting(SvgBox::figureId).containsExactly("variation-plot");
        assertThat(visit.svgs().get(0).width()).isGreaterThan(100);
        assertThat(browser.screenshotOf("#variation-plot", "static-experiment-report-variation-plot")).isNotEmptyFile();
        assertThat(visit.console()).filteredOn(ConsoleMessage::isError).isEmpty();
        PageVisit runPage = browser.open(dir.resolve("exp/runs/r1/index.html").toUri().toString(), "static-experiment-run");
        assertThat(runPage.svgs()).hasSize(5);
        assertThat(runPage.console()).filteredOn(ConsoleMessage::isError).isEmpty();
    }
}
