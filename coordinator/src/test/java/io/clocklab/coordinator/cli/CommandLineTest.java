package io.clocklab.coordinator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.causality.ShivizLog;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.log.RunLogs;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import io.clocklab.report.ReportJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest extends CommandLineRun {

    Path run;

    @BeforeEach
    void aSimulatedRunsLogs() throws IOException {
        RunData data = Simulator.run(SimulationSpec.of("run-1", Map.of("vm1", 1, "vm2", 6, "vm3", 6), 42, Duration.ofSeconds(20)));
        run = temp.resolve("run-1");
        EventLogFiles.write(run, data.eventsByVm());
    }

    @Test
    void checkExitsZeroWhenEveryInvariantHolds() {
        assertThat(cli("check", run.toString())).isEqualTo(0);
        assertThat(out()).startsWith("PASSED");
        assertThat(err()).contains("[clocklab] read");
    }

    @Test
    void checkExitsOneAndNamesTheEventWhenAnInvariantIsBroken() throws IOException {
        Path vm2 = run.resolve("vm2.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(vm2));
        lines.set(9, lines.get(9).replaceFirst("\"logicalClock\":\\d+", "\"logicalClock\":1"));
        Files.write(vm2, lines);

        assertThat(cli("check", run.toString())).isEqualTo(1);
        assertThat(out()).startsWith("FAILED").contains("vm2#10");
    }

    @Test
    void checkExitsTwoOnBadInput() throws IOException {
        Files.writeString(run.resolve("vm1.jsonl"), "this is not json\n");

        assertThat(cli("check", run.toString())).isEqualTo(2);
        assertThat(err()).contains("vm1.jsonl:1: not JSON");
    }

    @Test
    void aMissingPathOrUnknownCommandOrOptionExitsTwoWithTheUsage() {
        assertThat(cli("check", temp.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(cli("frobnicate")).isEqualTo(2);
        assertThat(cli("check", run.toString(), "--colour")).isEqualTo(2);
        assertThat(cli("analyze", run.toString())).isEqualTo(2);
        assertThat(err()).contains("no such file or folder", "unknown command", "unknown option", "needs --out", "usage:");
    }

    @Test
    void analyzeWritesTheReportWithItsPlotsAndData() throws IOException {
        Path report = temp.resolve("report");

        assertThat(cli("analyze", run.toString(), "--out", report.toString())).isEqualTo(0);

        assertThat(report.resolve("index.html")).content().contains("<svg", "run-1", "PASSED");
        assertThat(report.resolve("analysis.json")).content().contains("\"runId\" : \"run-1\"");
        assertThat(report.resolve("stats.csv")).content().startsWith("run_id,vm");
        try (var svgs = Files.list(report)) {
            assertThat(svgs.filter(path -> path.toString().endsWith(".svg")).count()).isGreaterThanOrEqualTo(5);
        }
        assertThat(out()).contains("open " + report.resolve("index.html")).containsPattern("delivery: [\\d,]+ messages addressed, [\\d,]+ received, "
                + "[\\d,]+ undelivered \\(QUEUED [\\d,]+(, IN_TRANSIT [\\d,]+)?\\), 0 lost\n");
    }

    @Test
    void analyzeWritesHappensBeforeBesideTheReport() throws IOException {
        Path report = temp.resolve("report");

        assertThat(cli("analyze", run.toString(), "--out", report.toString())).isEqualTo(0);

        JsonNode causality = ReportJson.mapper().readTree(report.resolve("causality.json").toFile());
        long events = causality.get("events").asLong();
        assertThat(events).isPositive();
        assertThat(causality.get("pairs").asLong()).isEqualTo(events * (events - 1) / 2);
        assertThat(causality.get("orderedPairs").asLong() + causality.get("concurrentPairs").asLong()).isEqualTo(causality.get("pairs").asLong());
        assertThat(causality.get("falseOrderings").asLong()).isPositive();
        assertThat(causality.get("falseOrderingExamples")).isNotEmpty();
        assertThat(causality.get("vms")).hasSize(3);
        assertThat(out()).containsPattern("happens-before: [\\d.]+ % of event pairs concurrent; Lamport orders [\\d,]+ concurrent pairs "
                + "\\([\\d.]+ % of the pairs it orders\\); longest causal chain [\\d,]+ events\n");
    }

    @Test
    void exportWritesTheRunInShivizFormatToAFileOrStandardOutput() throws IOException {
        StringWriter expected = new StringWriter();
        ShivizLog.write(RunLogs.load(List.of(run)), expected);
        Path file = temp.resolve("run-1.shiviz.log");

        assertThat(cli("export", run.toString(), "--format", "shiviz", "--out", file.toString())).isEqualTo(0);
        assertThat(file).content().isEqualTo(expected.toString()).startsWith(ShivizLog.REGEX + "\n\n");
        assertThat(err()).contains("in ShiViz's format to " + file);

        assertThat(cli("export", run.toString(), "--format", "shiviz")).isEqualTo(0);
        assertThat(out()).isEqualTo(expected.toString());
    }

    @Test
    void exportNeedsAFormatItKnowsAndTheOthersRefuseOne() {
        assertThat(cli("export", run.toString())).isEqualTo(2);
        assertThat(cli("export", run.toString(), "--format", "xml")).isEqualTo(2);
        assertThat(cli("export", run.toString(), "--format")).isEqualTo(2);
        assertThat(cli("check", run.toString(), "--format", "xml")).isEqualTo(2);
        assertThat(cli("check", run.toString(), "--format", "shiviz")).isEqualTo(2);
        assertThat(err()).contains("export needs --format shiviz", "export cannot write the format 'xml'; it writes: shiviz",
                "--format needs a value", "--format for analyze and check is the format of the logs read: exercise, jsonl or shiviz; got 'xml'",
                "error: bad log: " + run + ": is a folder: ShiViz logs are read from files given by name");
        assertThat(out()).isEmpty();
    }

    @Test
    void withoutRunJsonTheRatesAreMeasuredFromTheEvents() {
        assertThat(cli("analyze", run.toString(), "--out", temp.resolve("r").toString())).isEqualTo(0);

        assertThat(temp.resolve("r/stats.csv")).content().contains("run-1,vm1,1,").contains("run-1,vm2,6,");
    }

    @Test
    void theCommandsAreRecognisedAndAnythingElseStartsTheServer() {
        assertThat(CommandLine.isCommand(new String[]{"analyze"})).isTrue();
        assertThat(CommandLine.isCommand(new String[]{"check", "x"})).isTrue();
        assertThat(CommandLine.isCommand(new String[]{"--server.port=0"})).isFalse();
        assertThat(CommandLine.isCommand(new String[0])).isFalse();
    }


    @Test
    void aFileThatCannotBeReadIsSaidSoNotOnlyNamed() {
        // as a container user that may not read a copied log meets it: the exception's message is only the path
        assertThat(CommandLine.describe(new java.nio.file.AccessDeniedException("/logs/vm1.jsonl")))
                .isEqualTo("cannot read /logs/vm1.jsonl: permission denied");
        assertThat(CommandLine.describe(new java.nio.file.NoSuchFileException("/logs/vm9.jsonl")))
                .isEqualTo("cannot read /logs/vm9.jsonl: no such file or folder");
        assertThat(CommandLine.describe(new java.nio.file.FileSystemException("/logs", null, "Input/output error")))
                .isEqualTo("cannot read /logs: Input/output error");
        assertThat(CommandLine.describe(new IllegalStateException("plain"))).isEqualTo("plain");
    }
}
