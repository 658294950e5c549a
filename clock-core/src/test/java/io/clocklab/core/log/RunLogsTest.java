package io.clocklab.core.log;

import io.clocklab.core.analysis.RunData;
import io.clocklab.core.analysis.VirtualRuns;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLogsTest {

    @TempDir
    Path logs;

    private static RunData oneSixSix() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 1);
        rates.put("vm2", 6);
        rates.put("vm3", 6);
        return VirtualRuns.of(rates, 10, 3).withJitter().run(30);
    }

    private Path writeRun(String runId, RunData run) throws IOException {
        Path folder = logs.resolve(runId);
        EventLogFiles.write(folder, run.eventsByVm());
        return folder;
    }

    @Test
    void withoutRunJsonTheSettingsAreInferred() throws IOException {
        RunData original = oneSixSix();
        Path folder = writeRun("run-42", original);

        RunData loaded = RunLogs.load(List.of(folder));

        assertThat(loaded.runId()).isEqualTo("run-42");
        assertThat(loaded.clockRates()).containsExactly(Map.entry("vm1", 1), Map.entry("vm2", 6), Map.entry("vm3", 6));
        assertThat(loaded.randomRange()).isEqualTo(10);
        assertThat(loaded.finished()).isTrue();
        assertThat(loaded.eventsByVm()).isEqualTo(original.eventsByVm());
        assertThat(RunChecker.check(loaded).passed()).isTrue();
    }

    @Test
    void theInferredRandomRangeCanBeChosen() throws IOException {
        Path folder = writeRun("r", oneSixSix());

        assertThat(RunLogs.load(List.of(folder), 6).randomRange()).isEqualTo(6);
        assertThatIllegalArgumentException().isThrownBy(() -> RunLogs.load(List.of(folder), 0));
    }

    @Test
    void aVmWithOneEventIsInferredAtRateOne() throws IOException {
        Path folder = logs.resolve("short");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("vm1.jsonl"),
                EventJson.toLine(Event.internal(1, "vm1", VirtualRuns.START, 1, 0)) + "\n");

        assertThat(RunLogs.load(List.of(folder)).clockRates()).containsExactly(Map.entry("vm1", 1));
    }

    @Test
    void runJsonGivesTheSettingsAndTheVmOrder() throws IOException {
        Path folder = writeRun("any-name", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"run-7","state":"RUNNING","randomRange":12,"clockRates":{"vm3":6,"vm1":1,"vm2":5},"seed":42}""");

        RunData loaded = RunLogs.load(List.of(folder));

        assertThat(loaded.runId()).isEqualTo("run-7");
        assertThat(loaded.randomRange()).isEqualTo(12);
        assertThat(loaded.finished()).isFalse();
        assertThat(loaded.clockRates()).containsExactly(Map.entry("vm3", 6), Map.entry("vm1", 1), Map.entry("vm2", 5));
        assertThat(loaded.eventsByVm().keySet()).containsExactly("vm3", "vm1", "vm2");
    }

    @Test
    void anyStateButRunningMeansFinished() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"r","state":"STOPPED","randomRange":10,"clockRates":{"vm1":1,"vm2":6,"vm3":6}}""");

        assertThat(RunLogs.load(List.of(folder)).finished()).isTrue();
    }

    @Test
    void runJsonIsFoundBesideAFileGivenAlone() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"from-file","state":"FINISHED","randomRange":10,"clockRates":{"vm1":1,"vm2":6,"vm3":6}}""");

        RunData loaded = RunLogs.load(List.of(folder.resolve("vm2.jsonl")));

        assertThat(loaded.runId()).isEqualTo("from-file");
        assertThat(loaded.eventsByVm().get("vm1")).isEmpty();
        assertThat(loaded.eventsByVm().get("vm2")).isNotEmpty();
    }

    @Test
    void aRunJsonWithoutAFieldNamesIt() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"r","state":"FINISHED","clockRates":{"vm1":1}}""");

        assertThatThrownBy(() -> RunLogs.load(List.of(folder))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("run.json").hasMessageContaining("randomRange").hasMessageContaining("nothing");
    }

    @Test
    void aRunJsonWithABadRateNamesTheVm() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"r","state":"FINISHED","randomRange":10,"clockRates":{"vm1":"fast"}}""");

        assertThatThrownBy(() -> RunLogs.load(List.of(folder))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("clockRates.vm1").hasMessageContaining("\"fast\"");
    }

    @Test
    void aRunJsonThatIsNotJsonIsRefused() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), "id=r");

        assertThatThrownBy(() -> RunLogs.load(List.of(folder))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("run.json: not JSON");
    }

    @Test
    void logsOfTwoRunsAreNotMixed() throws IOException {
        Path first = writeRun("a", oneSixSix());
        Path second = logs.resolve("b");
        Files.createDirectories(second);
        Files.writeString(second.resolve("vm9.jsonl"), EventJson.toLine(Event.internal(1, "vm9", VirtualRuns.START, 1, 0)) + "\n");
        Files.writeString(first.resolve(RunLogs.RUN_FILE), """
                {"id":"a","state":"FINISHED","randomRange":10,"clockRates":{"vm1":1,"vm2":6,"vm3":6}}""");
        Files.writeString(second.resolve(RunLogs.RUN_FILE), """
                {"id":"b","state":"FINISHED","randomRange":10,"clockRates":{"vm9":1}}""");

        assertThatThrownBy(() -> RunLogs.load(List.of(first, second))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("give the logs of one run");
    }
}
