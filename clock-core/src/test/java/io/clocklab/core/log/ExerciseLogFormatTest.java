package io.clocklab.core.log;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Telling the exercise's logs from clocklab's, and reading a run of them. */
class ExerciseLogFormatTest {

    @TempDir
    Path dir;

    private Path exerciseLog(Path folder, String name, int rate, long clock) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name), ExerciseLog.BANNER + "\nclock_rate = " + rate + "\n"
                + "[Internal event], [System time]: 2023-03-06 20:13:18.000001, [Logical Clock Time]: " + clock + "\n");
    }

    private Path jsonLog(Path folder, String vm) throws IOException {
        EventLogFiles.write(folder, Map.of(vm, List.of(Event.internal(1, vm, Instant.parse("2026-01-01T00:00:00Z"), 1, 0))));
        return folder.resolve(vm + ".jsonl");
    }

    @Test
    void aFolderOfExerciseLogsIsReadAsOneRunNamedAfterIt() throws IOException {
        Path folder = dir.resolve("trial-3");
        exerciseLog(folder, "machine10.log", 6, 1);
        exerciseLog(folder, "machine2.log", 1, 1);
        Files.writeString(folder.resolve("notes.txt"), "what we saw\n");

        assertThat(LogFormat.detect(List.of(folder))).isEqualTo(LogFormat.EXERCISE);
        RunData run = RunLogs.load(List.of(folder), 7, null);

        assertThat(run.runId()).isEqualTo("trial-3");
        assertThat(run.clockRates()).containsExactly(Map.entry("machine2", 1), Map.entry("machine10", 6));
        assertThat(run.randomRange()).isEqualTo(7);
        assertThat(run.finished()).isTrue();
        assertThat(run.events().vms()).containsExactly("machine2", "machine10");
        assertThat(run.eventCount()).isEqualTo(2);
        assertThat(run.endState()).isNull();
        assertThat(run.outages()).isEmpty();
    }

    @Test
    void jsonLinesLogsAreStillReadAsBefore() throws IOException {
        Path folder = dir.resolve("run-1");
        jsonLog(folder, "vm1");

        assertThat(LogFormat.detect(List.of(folder))).isEqualTo(LogFormat.JSONL);
        assertThat(RunLogs.load(List.of(folder), 10, null).events().vms()).containsExactly("vm1");
    }

    @Test
    void mixedFormatsAreRefused() throws IOException {
        Path folder = dir.resolve("mixed");
        Path json = jsonLog(folder, "vm1");
        Path text = exerciseLog(folder, "vm2.log", 1, 1);

        assertThatThrownBy(() -> LogFormat.detect(List.of(folder))).isInstanceOf(LogFormatException.class)
                .hasMessage(text + ": is one of the exercise's text logs but " + json
                        + " is a clocklab JSON Lines log: give the logs of one run, in one format");
        assertThatThrownBy(() -> RunLogs.load(List.of(json, text), 10, null)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("give the logs of one run, in one format");
    }

    @Test
    void aFileGivenByNameWithoutTheBannerIsTheExercisesUnlessItLooksLikeJson() throws IOException {
        Path noBanner = Files.writeString(dir.resolve("vm1.log"), "clock_rate = 1\n");
        Path json = Files.writeString(dir.resolve("vm2.txt"), "{\"seq\":1}\n");

        assertThat(LogFormat.detect(List.of(noBanner))).isEqualTo(LogFormat.EXERCISE);
        assertThat(LogFormat.detect(List.of(json))).isEqualTo(LogFormat.JSONL);
        assertThatThrownBy(() -> RunLogs.load(List.of(noBanner), 10, null)).isInstanceOf(LogFormatException.class)
                .hasMessageStartingWith(noBanner + ":1: missing the banner line");
    }

    @Test
    void aForcedFormatIsUsedAsGiven() throws IOException {
        Path folder = dir.resolve("run-2");
        Path json = jsonLog(folder, "vm1");

        assertThatThrownBy(() -> RunLogs.load(List.of(json), 10, LogFormat.EXERCISE)).isInstanceOf(LogFormatException.class)
                .hasMessageStartingWith(json + ":1: missing the banner line");
        assertThatThrownBy(() -> RunLogs.load(List.of(folder), 10, LogFormat.EXERCISE)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("no exercise logs");
        Path text = exerciseLog(dir.resolve("run-3"), "vm1.log", 1, 1);
        assertThatThrownBy(() -> RunLogs.load(List.of(text), 10, LogFormat.JSONL)).isInstanceOf(LogFormatException.class)
                .hasMessageStartingWith(text + ":1:");
    }

    @Test
    void twoFilesOfOneMachineAndARunWithoutEventsAreRefused() throws IOException {
        Path a = exerciseLog(dir.resolve("a"), "vm1.log", 1, 1);
        Path b = exerciseLog(dir.resolve("b"), "vm1.txt", 1, 1);
        Path empty = Files.writeString(dir.resolve("vm3.log"), ExerciseLog.BANNER + "\nclock_rate = 2\n");

        assertThatThrownBy(() -> ExerciseLogs.load(List.of(a, b), 10))
                .hasMessage(b + ": is the log of machine vm1, and so is " + a + ": each machine's log is one file, named after it");
        assertThatThrownBy(() -> ExerciseLogs.load(List.of(empty), 10)).isInstanceOf(LogFormatException.class).hasMessageContaining("no events");
    }

    @Test
    void theFormatOptionNamesAFormat() {
        assertThat(LogFormat.ofOption("exercise")).isEqualTo(LogFormat.EXERCISE);
        assertThat(LogFormat.ofOption("JSONL")).isEqualTo(LogFormat.JSONL);
        assertThat(LogFormat.ofOption("shiviz")).isEqualTo(LogFormat.SHIVIZ);
        assertThatIllegalArgumentException().isThrownBy(() -> LogFormat.ofOption("csv"))
                .withMessage("no log format 'csv'; the logs are read as exercise, jsonl or shiviz");
    }
}
