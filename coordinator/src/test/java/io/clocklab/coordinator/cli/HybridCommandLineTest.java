package io.clocklab.coordinator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.model.ClockKind;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import io.clocklab.report.ReportJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
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
        assertThat(out()).containsPattern("hybrid clocks: within the bounds; max l - pt 0 ms, max c \\d+ \\(bound \\d+\\); no clock skews known,"
                + " so ε taken as 0 ms\n");
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
