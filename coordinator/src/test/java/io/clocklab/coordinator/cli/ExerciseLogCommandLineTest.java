package io.clocklab.coordinator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.model.Event;
import io.clocklab.core.testing.ExerciseTrial;
import io.clocklab.report.ReportJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.clocklab.core.testing.ExerciseTrial.A;
import static io.clocklab.core.testing.ExerciseTrial.B;
import static io.clocklab.core.testing.ExerciseTrial.C;
import static org.assertj.core.api.Assertions.assertThat;

/** analyze and check over the logical-clocks exercise's text logs: three hand-made machines. */
class ExerciseLogCommandLineTest extends CommandLineRun {

    Path run;

    @BeforeEach
    void threeMachinesLogs() throws IOException {
        run = ExerciseTrial.write(temp.resolve("trial-1"), A, B, C);
    }

    @Test
    void checkPassesAsFarAsTheFormatAllowsAndNamesWhatItCannotCheck() {
        assertThat(cli("check", run.toString())).isEqualTo(0);

        assertThat(out()).isEqualTo("PASSED as far as this format allows: 10 events of 3 VMs in run trial-1 keep SEQ_CONTIGUOUS,"
                + " CLOCK_INCREASES, UPDATE_RULE, RATE_LIMIT; not checkable from this format (no message ids): RECEIVE_MATCHES_SEND,"
                + " UNIQUE_MESSAGE_ID, NO_DUPLICATE_RECEIVE, CONSERVATION\n");
        assertThat(err()).contains("as the exercise's text logs");
    }

    @Test
    void checkReadsTheFilesGivenByNameAndAForcedFormat() {
        assertThat(cli("check", run.resolve("a.log").toString(), run.resolve("b.log").toString(), "--format", "exercise")).isEqualTo(0);
        assertThat(out()).startsWith("PASSED as far as this format allows: 6 events of 2 VMs in run trial-1");
    }

    @Test
    void aBrokenReceiveFailsTheUpdateRuleNamingTheMachineAndSeq() throws IOException {
        Files.writeString(run.resolve("a.log"), A.replace("[Message Queue Length]: 0, [Logical Clock Time]: 4",
                "[Message Queue Length]: 0, [Logical Clock Time]: 3").replace("[Logical Clock Time]: 5", "[Logical Clock Time]: 4"));

        assertThat(cli("check", run.toString())).isEqualTo(1);

        assertThat(out()).startsWith("FAILED: 1 violations in 10 events of run trial-1\n")
                .contains("  UPDATE_RULE at a#3: RECEIVE gave clock 3, the rule gives 4 (clock before: 2, messageClock: 3)\n")
                .contains("  not checkable from this format (no message ids): RECEIVE_MATCHES_SEND");
    }

    @Test
    void aBurstAboveTheClockRateIsCaught() throws IOException {
        Files.writeString(run.resolve("b.log"), B + """
                [Internal event], [System time]: 2023-03-06 20:13:19.900000, [Logical Clock Time]: 5
                [Internal event], [System time]: 2023-03-06 20:13:20.000000, [Logical Clock Time]: 6
                """);

        assertThat(cli("check", run.toString())).isEqualTo(1);

        assertThat(out()).containsPattern("  RATE_LIMIT at b#4: .*\n");
    }

    @Test
    void headerErrorsAndMalformedLinesExitTwoNamingFileAndLine() throws IOException {
        Files.writeString(run.resolve("b.log"), B.replace("clock_rate = 1\n", ""));
        assertThat(cli("check", run.toString())).isEqualTo(2);
        assertThat(err()).contains("error: bad log: " + run.resolve("b.log").toAbsolutePath() + ":2: missing the line 'clock_rate = N'");

        Files.writeString(run.resolve("b.log"), B);
        Files.writeString(run.resolve("c.log"), C.replace("[Send]: 3,", "[Sent]: 3,"));
        assertThat(cli("analyze", run.toString(), "--out", temp.resolve("report").toString())).isEqualTo(2);
        assertThat(err()).contains("error: bad log: " + run.resolve("c.log").toAbsolutePath() + ":5: not an event of the exercise's log");

        Path noBanner = Files.writeString(temp.resolve("d.log"), "clock_rate = 1\n");
        assertThat(cli("check", noBanner.toString())).isEqualTo(2);
        assertThat(err()).contains(noBanner.toAbsolutePath() + ":1: missing the banner line =============LOG START=============");
        assertThat(out()).isEmpty();
    }

    @Test
    void anUnknownInputFormatAndMixedFormatsAreRefused() throws IOException {
        assertThat(cli("check", run.toString(), "--format", "csv")).isEqualTo(2);
        assertThat(err()).contains("--format for analyze and check is the format of the logs read: exercise, jsonl or shiviz; got 'csv'");

        EventLogFiles.write(run, Map.of("d", List.of(Event.internal(1, "d", Instant.parse("2023-03-06T20:13:18Z"), 1, 0))));
        assertThat(cli("check", run.toString())).isEqualTo(2);
        assertThat(err()).contains("give the logs of one run, in one format");
        assertThat(out()).isEmpty();
    }

    @Test
    void exportRefusesTheExercisesLogs() {
        assertThat(cli("export", run.toString(), "--format", "shiviz")).isEqualTo(2);
        assertThat(err()).contains("export needs clocklab's JSON Lines logs");
    }

    @Test
    void analyzeWritesTheReportWithTheJumpsAndSaysHappensBeforeIsNotDerivable() throws IOException {
        Path report = temp.resolve("report");

        assertThat(cli("analyze", run.toString(), "--out", report.toString())).isEqualTo(0);

        assertThat(report.resolve("index.html")).content().contains("trial-1", "PASSED as far as these logs allow",
                "Not checkable from these logs", "Not derivable from these logs", "a#3 RECEIVE at 1 s, clock 4 from ? (message clock 3, jump +2)");
        assertThat(report.resolve("causality.json")).doesNotExist();
        assertThat(report.resolve("shiviz.log")).doesNotExist();
        JsonNode analysis = ReportJson.mapper().readTree(report.resolve("analysis.json").toFile());
        assertThat(analysis.get("runId").asText()).isEqualTo("trial-1");
        assertThat(analysis.get("delivery").isNull() || analysis.get("delivery").isMissingNode()).isTrue();
        JsonNode a = analysis.get("vms").get(0);
        assertThat(a.get("vm").asText()).isEqualTo("a");
        assertThat(a.get("clockRate").asInt()).isEqualTo(2);
        assertThat(a.get("jumps").get("count").asLong()).isEqualTo(1);
        assertThat(a.get("jumps").get("max").asLong()).isEqualTo(2);
        assertThat(analysis.get("verdict").get("notCheckable")).extracting(JsonNode::asText)
                .containsExactly("RECEIVE_MATCHES_SEND", "UNIQUE_MESSAGE_ID", "NO_DUPLICATE_RECEIVE", "CONSERVATION");
        assertThat(out()).contains("verdict: PASSED as far as this format allows; not checkable from this format (no message ids): ")
                .contains("happens-before: not derivable from this format (its logs name no messages)\n");
    }
}
