package io.clocklab.coordinator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.causality.ShivizLog;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.log.ShivizLogs;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import io.clocklab.report.ReportJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** check, analyze and export over ShiViz logs: a hand-written GoVector-style log, and clocklab's own export read back. */
class ShivizCommandLineTest extends CommandLineRun {

    /**
     * GoVector's order (the host and its clock, then the description), written by hand: p1 sends to p2
     * and p3 at once, p2 answers p1, p3 works alone.
     */
    static final String LOG = """
            (?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)


            p1 {"p1":1}
            Initialization Complete
            p1 {"p1":2}
            multicast job
            p2 {"p2":1}
            Initialization Complete
            p2 {"p1":2,"p2":2}
            got job
            p2 {"p1":2,"p2":3}
            reply
            p3 {"p3":1}
            Initialization Complete
            p3 {"p1":2,"p3":2}
            got job
            p3 {"p1":2,"p3":3}
            compute
            p1 {"p1":3,"p2":3}
            got reply
            """;

    private Path log(String text) throws IOException {
        return Files.writeString(temp.resolve("jobs.log"), text);
    }

    @Test
    void checkPassesAsFarAsTheFormatAllowsAndSaysWhatWasMadeUp() throws IOException {
        Path file = log(LOG);

        assertThat(cli("check", file.toString())).isEqualTo(0);

        assertThat(out()).startsWith("PASSED as far as this format allows: 9 events of 3 VMs in run jobs keep SEQ_CONTIGUOUS, CLOCK_INCREASES,"
                        + " UPDATE_RULE, RECEIVE_MATCHES_SEND, UNIQUE_MESSAGE_ID, NO_DUPLICATE_RECEIVE; not checkable from this format (vector"
                        + " clocks only: a message nobody received is not in them, and there are no rates): CONSERVATION, RATE_LIMIT\n")
                .contains("note: read from a ShiViz log: ShiViz's rules on vector clocks hold (checked on reading); 3 RECEIVEs and their SENDs reconstructed")
                .contains("note: times are synthetic (the log has no group named time, timestamp, date): 2026-01-01T00:00:00Z and 1 ms per event");
        assertThat(err()).contains("reading [" + file + "] as a ShiViz log (vector clocks)");
    }

    /** Counted by hand: 9 events, 36 pairs, 20 ordered, 16 concurrent; the longest chain p1#1, p1#2, p2#2, p2#3, p1#3. */
    @Test
    void analyzeGivesTheHappensBeforeAndTheDrawing() throws IOException {
        Path file = log(LOG);
        Path report = temp.resolve("report");

        assertThat(cli("analyze", file.toString(), "--out", report.toString())).isEqualTo(0);

        assertThat(report.resolve("index.html")).exists();
        assertThat(report.resolve("index.html")).as("the page says what the reader said").content()
                .containsPattern("<dd id=\"read-notes\">.*<p>times are synthetic");
        assertThat(report.resolve("shiviz.log")).exists();
        JsonNode causality = ReportJson.mapper().readTree(report.resolve("causality.json").toFile());
        assertThat(causality.get("events").asLong()).isEqualTo(9);
        assertThat(causality.get("orderedPairs").asLong()).isEqualTo(20);
        assertThat(causality.get("concurrentPairs").asLong()).isEqualTo(16);
        assertThat(causality.get("longestChain").asLong()).isEqualTo(5);
        assertThat(out()).contains("verdict: PASSED as far as this format allows; not checkable from this format (vector clocks only",
                "note: times are synthetic", "happens-before: 44.4 % of event pairs concurrent; Lamport orders ",
                "delivery: not accountable from this format (a message nobody received leaves no trace in vector clocks)\n");
        JsonNode analysis = ReportJson.mapper().readTree(report.resolve("analysis.json").toFile());
        assertThat(analysis.at("/verdict/notCheckable").toString()).isEqualTo("[\"CONSERVATION\",\"RATE_LIMIT\"]");
    }

    /**
     * A run exported, read back and exported again: the second export is the same run as far as ShiViz's
     * format carries it (read back, the same events), and exporting it once more changes nothing. It is
     * not the first file byte for byte: queue lengths are not read (0), and a SEND nobody received
     * leaves no trace in the clocks, so it comes back INTERNAL.
     */
    @Test
    void clocklabsExportReadBackAndExportedAgainRoundTrips() throws IOException {
        RunData data = Simulator.run(SimulationSpec.of("run-7", Map.of("vm1", 2, "vm2", 5, "vm3", 3), 7, Duration.ofSeconds(15)));
        Path run = temp.resolve("run-7");
        EventLogFiles.write(run, data.eventsByVm());
        Path first = temp.resolve("first.shiviz.log");
        Path second = temp.resolve("second.shiviz.log");
        Path third = temp.resolve("third.shiviz.log");
        assertThat(cli("export", run.toString(), "--format", "shiviz", "--out", first.toString())).isEqualTo(0);

        assertThat(cli("export", first.toString(), "--format", "shiviz", "--out", second.toString())).isEqualTo(0);
        assertThat(cli("export", second.toString(), "--format", "shiviz", "--out", third.toString())).isEqualTo(0);
        assertThat(cli("check", first.toString())).isEqualTo(0);

        assertThat(third).hasSameTextualContentAs(second);
        assertThat(ShivizLogs.load(List.of(second), 10).data().eventsByVm()).isEqualTo(ShivizLogs.load(List.of(first), 10).data().eventsByVm());
        assertThat(Files.readString(second)).startsWith(ShivizLog.REGEX + "\n\n");
        assertThat(Files.readAllLines(second)).hasSameSizeAs(Files.readAllLines(first));
        assertThat(out()).contains("note: times read from the log's 'time' group");
    }

    @Test
    void aBadLineExitsTwoNamingFileAndLine() throws IOException {
        Path file = log(LOG.replace("p2 {\"p1\":2,\"p2\":3}", "p2 {\"p1\":2,\"p2\":4}"));
        assertThat(cli("check", file.toString())).isEqualTo(2);
        assertThat(err()).contains("error: bad log: " + file + ":12: p2's own count goes from 2 to 4: it rises by exactly 1");

        log(LOG.replace("p3 {\"p1\":2,\"p3\":2}", "p3 {\"p1\":2,\"p3\":0}"));
        assertThat(cli("analyze", file.toString(), "--out", temp.resolve("r").toString())).isEqualTo(2);
        assertThat(err()).contains("error: bad log: " + file + ":16: the clock's count of p3 is 0");

        log(LOG.replace("p1 {\"p1\":3,\"p2\":3}", "p1 {\"p1\":3,\"p2\":9}"));
        assertThat(cli("export", file.toString(), "--format", "shiviz")).isEqualTo(2);
        assertThat(err()).contains("error: bad log: " + file + ":20: the clock claims event 9 of p2, but the log has 3 of p2's events");
        assertThat(out()).isEmpty();
    }
}
