package io.clocklab.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.causality.CausalityAnalyzer;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.causality.ShivizLog;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.run.RunMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StaticReportTest {

    @Test
    void writesTheRunsPagesDataAndPlots(@TempDir Path dir) throws Exception {
        Map<String, List<Event>> events = ReportFixtures.smallRun();
        Path log = Files.writeString(dir.resolve("vm1.jsonl"), "{}\n");
        RunReportData data = new RunReportData(ReportFixtures.runView("run-1"),
                ReportFixtures.analyse("run-1", events, ReportFixtures.RATES, 10), events, Map.of("vm1.jsonl", log));

        List<Path> written = StaticReport.writeRun(dir.resolve("out"), data);

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("index.html", "analysis.json", "stats.csv",
                "clocks.svg", "drift.svg", "queues.svg", "jumps.svg", "space-time.svg", "logs.zip");
        assertThat(written).allSatisfy(p -> assertThat(p).isNotEmptyFile());
        assertThat(Files.readString(dir.resolve("out/index.html"))).contains("href=\"logs.zip\"");
        XmlDoc.parse(Files.readString(dir.resolve("out/space-time.svg")));
    }

    @Test
    void withHappensBeforeItsJsonAndTheShivizLogAreWrittenAndLinked(@TempDir Path dir) throws Exception {
        Map<String, List<Event>> events = ReportFixtures.smallRun();
        RunReportData plain = ReportFixtures.reportData("run-1", events);
        CausalityReport causality = CausalityAnalyzer.analyze(List.of("vm1", "vm2", "vm3"), RunEvents.of(events));
        RunReportData data = new RunReportData(plain.run(), plain.analysis(), plain.events(), Map.of(), causality);

        List<Path> written = StaticReport.writeRun(dir, data);

        assertThat(written).extracting(p -> p.getFileName().toString()).contains("causality.json", "shiviz.log");
        assertThat(ReportJson.mapper().readTree(dir.resolve("causality.json").toFile()).get("falseOrderings").asLong())
                .isEqualTo(causality.falseOrderings());
        StringWriter shiviz = new StringWriter();
        ShivizLog.write(List.of("vm1", "vm2", "vm3"), RunEvents.of(events), shiviz);
        assertThat(dir.resolve("shiviz.log")).content().isEqualTo(shiviz.toString());
        assertThat(dir.resolve("index.html")).content().contains("href=\"causality.json\"", "href=\"shiviz.log\"", "class=\"false-orderings\"");
    }

    @Test
    void analysisJsonWritesInstantsAsIsoStrings(@TempDir Path dir) throws Exception {
        Map<String, List<Event>> events = ReportFixtures.smallRun();
        StaticReport.writeRun(dir, ReportFixtures.reportData("run-1", events));
        JsonNode json = ReportJson.mapper().readTree(dir.resolve("analysis.json").toFile());
        assertThat(json.get("start").asText()).startsWith("2026-11-21T10:00:00");
        assertThat(json.get("runId").asText()).isEqualTo("run-1");
        assertThat(json.get("vms")).hasSize(3);
        assertThat(json.get("verdict").get("violations")).isEmpty();
    }

    @Test
    void withoutLogsThereIsNoZipAndNoLinkToIt(@TempDir Path dir) throws Exception {
        List<Path> written = StaticReport.writeRun(dir, ReportFixtures.reportData("run-1", ReportFixtures.smallRun()));
        assertThat(written).noneMatch(p -> p.endsWith("logs.zip"));
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("logs.zip");
    }

    @Test
    void writesAnExperimentWithItsRunsBelowIt(@TempDir Path dir) throws Exception {
        ExperimentHeader experiment = new ExperimentHeader("e1", "E", RunMode.SIMULATED, "FINISHED", 1, 1, null, null);
        List<Path> written = StaticReport.writeExperiment(dir, experiment, ReportFixtures.experiment(),
                List.of(ReportFixtures.reportData("r/1", ReportFixtures.smallRun())));
        assertThat(written).contains(dir.resolve("index.html"), dir.resolve("comparison.svg"), dir.resolve("runs/r_1/index.html"));
        assertThat(Files.readString(dir.resolve("runs/r_1/index.html"))).contains("href=\"../../index.html\"");
    }
}
