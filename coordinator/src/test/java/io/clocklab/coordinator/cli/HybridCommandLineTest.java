package io.clocklab.coordinator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.archive.ArchiveJson;
import io.clocklab.core.archive.Run;
import io.clocklab.core.archive.RunState;
import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.run.RunMode;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import io.clocklab.report.ReportJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code analyze} of a hybrid run writes hybrid.json; of a Lamport run, none. */
class HybridCommandLineTest extends CommandLineRun {

    private Path logs(String id, ClockKind clock) throws IOException {
        RunData data = Simulator.run(SimulationSpec.of(id, new TreeMap<>(Map.of("vm1", 2, "vm2", 5, "vm3", 6)), 3, Duration.ofSeconds(20))
                .withClock(clock));
        Path run = temp.resolve(id);
        EventLogFiles.write(run, data.eventsByVm());
        return run;
    }

    @Test
    void aHybridRunsReportHasItsHybridClocksAgainstTheirBounds() throws IOException {
        Path report = temp.resolve("report");

        assertThat(cli("analyze", logs("hybrid-1", ClockKind.HYBRID).toString(), "--out", report.toString())).isEqualTo(0);

        JsonNode hybrid = ReportJson.mapper().readTree(report.resolve("hybrid.json").toFile());
        assertThat(hybrid.get("epsilonMillis").asLong()).isZero();
        assertThat(hybrid.get("vms")).hasSize(3);
        assertThat(hybrid.get("vms").get(0).get("monotonic").asBoolean()).isTrue();
        assertThat(report.resolve("index.html")).content().contains("id=\"hybrid-plot\"", "href=\"hybrid.json\"");
        assertThat(out()).containsPattern("hybrid clocks: within the bounds; max l - pt 0 ms \\(ε 0 ms\\), max c \\d+ \\(bound \\d+\\);"
                + " no clock skews known \\(they are in a run's run.json\\), so ε is 0 ms\n");
    }

    /** A run's folder from the coordinator's data directory has its run.json: the skews come from there. */
    @Test
    void theSkewsInARunsRecordSetEpsilon() throws IOException {
        Map<String, ClockSkew> skews = Map.of("vm3", new ClockSkew(120, 1_000));
        RunData data = Simulator.run(SimulationSpec.of("hybrid-2", new TreeMap<>(Map.of("vm1", 2, "vm2", 5, "vm3", 6)), 3, Duration.ofSeconds(20))
                .withClock(ClockKind.HYBRID).withClockSkew(skews));
        Path run = temp.resolve("hybrid-2");
        EventLogFiles.write(run, data.eventsByVm());
        Run record = new Run("hybrid-2", RunState.FINISHED, RunMode.SIMULATED, null, data.clockRates(), Map.of(), 1, 6, 10, 20, 3,
                List.of("vm1", "vm2", "vm3"), SimulationSpec.DEFAULT_START, SimulationSpec.DEFAULT_START.plusSeconds(20), true)
                .withClocks(ClockKind.HYBRID, skews);
        Files.write(run.resolve(Run.FILE), ArchiveJson.MAPPER.writeValueAsBytes(record));
        Path report = temp.resolve("report-2");

        assertThat(cli("analyze", run.toString(), "--out", report.toString())).isEqualTo(0);

        JsonNode hybrid = ReportJson.mapper().readTree(report.resolve("hybrid.json").toFile());
        assertThat(hybrid.get("epsilonMillis").asLong()).isEqualTo(140);
        assertThat(report.resolve("index.html")).content().contains("vm3 +120 ms, +1000 ppm");
        assertThat(out()).contains("hybrid clocks: within the bounds; max l - pt ").contains("(ε 140 ms)").doesNotContain("no clock skews known");
    }

    @Test
    void aLamportRunsReportHasNoHybridSection() throws IOException {
        Path report = temp.resolve("report");

        assertThat(cli("analyze", logs("lamport-1", ClockKind.LAMPORT).toString(), "--out", report.toString())).isEqualTo(0);

        assertThat(report.resolve("hybrid.json")).doesNotExist();
        assertThat(report.resolve("index.html")).content().doesNotContain("id=\"hybrid\"");
        assertThat(out()).doesNotContain("hybrid clocks");
    }
}
