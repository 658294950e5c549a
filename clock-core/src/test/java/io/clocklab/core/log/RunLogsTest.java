package io.clocklab.core.log;

import io.clocklab.core.analysis.DeliverySummary;
import io.clocklab.core.archive.ArchiveJson;
import io.clocklab.core.archive.Run;
import io.clocklab.core.archive.RunState;
import io.clocklab.core.check.DeliveryAccounting;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunMode;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
    void aRunJsonIsReadAsTheCoordinatorsRecordSoAFieldOfTheWrongShapeIsNamed() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("\"state\":\"DONE\"", "field state: ");
        problems.put("\"state\":\"FINISHED\",\"mode\":\"quantum\"", "field mode: ");
        problems.put("\"state\":\"FINISHED\",\"startAt\":\"noon\"", "field startAt: ");
        problems.put("\"state\":\"FINISHED\",\"delivery\":{\"undelivered\":[]}", "field delivery.undelivered: ");
        for (var problem : problems.entrySet()) {
            Files.writeString(folder.resolve(Run.FILE), "{\"id\":\"r\",\"randomRange\":10,\"clockRates\":{\"vm1\":1}," + problem.getKey() + "}");

            assertThatThrownBy(() -> RunLogs.load(List.of(folder))).as(problem.getKey()).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("run.json").hasMessageContaining(problem.getValue());
        }
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

    /** The run.json the coordinator writes (its Run record, instants as ISO strings, indented), with outages and the end state. */
    @Test
    void runJsonGivesTheOutagesAndTheEndStateTheCoordinatorWrote() throws IOException {
        RunData original = VirtualRuns.of(Map.of("vm1", 1, "vm2", 6, "vm3", 6), 10, 3).withJitter()
                .down("vm2", 10, 12.5, "restarted").down("vm1", 20, null, "unreachable").withEndState().run(30);
        Path folder = writeRun("run-9", original);
        // the record the coordinator keeps, as it writes it
        Run written = new Run("run-9", RunState.FINISHED, RunMode.LIVE, null, original.clockRates(), Map.of(), 1, 6, 10, 30, 3,
                List.of("vm1", "vm2", "vm3"), VirtualRuns.START, VirtualRuns.at(30), true, original.outages(), original.endState(), Map.of(),
                DeliverySummary.of(DeliveryAccounting.account(original)), null, null);
        Files.write(folder.resolve(Run.FILE), ArchiveJson.MAPPER.writeValueAsBytes(written));

        RunData loaded = RunLogs.load(List.of(folder));

        assertThat(Files.readString(folder.resolve(RunLogs.RUN_FILE))).contains("\"from\" : \"2026-11-21T10:00:10Z\"",
                "\"to\" : \"2026-11-21T10:00:12.500Z\"", "\"to\" : null", "\"queued\" : {", "\"unconfirmed\" : {")
                // only the records' fields, none of their helpers
                .doesNotContain("untilTheEnd", "queuedAt", "unconfirmedFrom", "countByReason", "running", "plannedEnd");
        assertThat(loaded.outages()).containsExactlyElementsOf(original.outages());
        assertThat(loaded.endState()).isEqualTo(original.endState());
        assertThat(loaded.endState().queued()).doesNotContainKey("vm1").containsKeys("vm2", "vm3");
        assertThat(DeliveryAccounting.account(loaded)).isEqualTo(DeliveryAccounting.account(original));
        assertThat(RunChecker.check(loaded).violations()).isEmpty();
    }

    @Test
    void runJsonInTheDesignsShapeIsRead() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"r","state":"FINISHED","randomRange":10,"clockRates":{"vm1":1,"vm2":6,"vm3":6},
                 "outages":[{"vm":"vm2","from":"2026-11-21T10:00:05.25Z","to":"2026-11-21T10:00:07Z","cause":"restarted"},
                            {"vm":"vm3","from":"2026-11-21T10:00:20Z","to":null,"cause":"killed"},
                            {"vm":"vm1","from":"2026-11-21T10:00:21Z"}],
                 "endState":{"queued":{"vm1":["vm2-17","vm3-4"],"vm2":[]},"unconfirmed":{"vm2":{"vm3":["vm2-40"]},"vm1":{}}},
                 "delivery":{"addressed":3,"received":0,"undelivered":{},"lost":0}}""");

        RunData loaded = RunLogs.load(List.of(folder));

        assertThat(loaded.outages()).containsExactly(
                new Outage("vm2", Instant.parse("2026-11-21T10:00:05.25Z"), Instant.parse("2026-11-21T10:00:07Z"), "restarted"),
                new Outage("vm3", Instant.parse("2026-11-21T10:00:20Z"), null, "killed"),
                new Outage("vm1", Instant.parse("2026-11-21T10:00:21Z"), null, null));
        assertThat(loaded.endState().queuedAt("vm1")).containsExactly("vm2-17", "vm3-4");
        assertThat(loaded.endState().queuedAt("vm2")).isEmpty();
        assertThat(loaded.endState().unconfirmedFrom("vm2", "vm3")).as("a list of ids, as run.json had it before ranges")
                .isEqualTo(new SentRange(39, 40));
        assertThat(loaded.endState().unconfirmed().get("vm1")).isEmpty();
    }

    @Test
    void theEndStatesUnconfirmedMessagesAreRangesOfSeqsAndAnOldListOfIdsIsTheSameRange() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"r","state":"FINISHED","randomRange":10,"clockRates":{"vm1":1,"vm2":6,"vm3":6},
                 "endState":{"queued":{},"unconfirmed":{"vm2":{"vm3":{"after":12,"upTo":4000000000},"vm1":{"after":0,"upTo":0}},
                                                        "vm3":{"vm1":["vm3-7","vm3-9","vm3-12"],"vm2":[]}}}}""");

        EndState end = RunLogs.load(List.of(folder)).endState();

        assertThat(end.unconfirmedFrom("vm2", "vm3")).isEqualTo(new SentRange(12, 4_000_000_000L));
        assertThat(end.unconfirmedFrom("vm2", "vm1").isEmpty()).isTrue();
        assertThat(end.unconfirmedFrom("vm3", "vm1")).isEqualTo(new SentRange(6, 12));
        assertThat(end.unconfirmedFrom("vm3", "vm2")).isEqualTo(SentRange.NONE);
        assertThat(end.unconfirmedFrom("vm1", "vm2")).as("not reported").isEqualTo(SentRange.NONE);
    }

    @Test
    void anOlderRunJsonHasNoOutagesAndNoEndState() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        Files.writeString(folder.resolve(RunLogs.RUN_FILE), """
                {"id":"r","state":"FINISHED","randomRange":10,"clockRates":{"vm1":1,"vm2":6,"vm3":6},"endState":null}""");

        RunData loaded = RunLogs.load(List.of(folder));

        assertThat(loaded.outages()).isEmpty();
        assertThat(loaded.endState()).isNull();
        assertThat(RunLogs.load(List.of(writeRun("plain", oneSixSix()))).endState()).isNull();
    }

    @Test
    void aBadOutageOrEndStateNamesTheField() throws IOException {
        Path folder = writeRun("r", oneSixSix());
        String settings = "\"id\":\"r\",\"state\":\"FINISHED\",\"randomRange\":10,\"clockRates\":{\"vm1\":1},";
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("\"outages\":[{\"vm\":\"vm2\",\"from\":\"yesterday\"}]", "outages[0].from");
        problems.put("\"outages\":[{\"from\":\"2026-11-21T10:00:05Z\"}]", "outages[0].vm");
        problems.put("\"outages\":[{\"vm\":\"vm2\",\"from\":\"2026-11-21T10:00:05Z\",\"to\":\"2026-11-21T10:00:04Z\"}]",
                "ends (2026-11-21T10:00:04Z) before it starts");
        problems.put("\"outages\":{}", "field outages must be an array");
        problems.put("\"endState\":{\"queued\":{\"vm1\":\"vm2-17\"}}", "endState.queued.vm1");
        problems.put("\"endState\":{\"unconfirmed\":{\"vm2\":{\"vm3\":[40]}}}", "endState.unconfirmed.vm2.vm3");
        problems.put("\"endState\":{\"unconfirmed\":{\"vm2\":{\"vm3\":[\"vm3-40\"]}}}", "vm3-40 is not vm2-<seq>");
        problems.put("\"endState\":{\"unconfirmed\":{\"vm2\":{\"vm3\":{\"after\":-1,\"upTo\":3}}}}", "endState.unconfirmed.vm2.vm3 must be a sent range");
        problems.put("\"endState\":{\"unconfirmed\":{\"vm2\":{\"vm3\":{\"after\":1.5,\"upTo\":3}}}}", "endState.unconfirmed.vm2.vm3 must be a sent range");
        problems.put("\"endState\":{\"unconfirmed\":{\"vm2\":{\"vm3\":{\"upTo\":3}}}}", "endState.unconfirmed.vm2.vm3 must be a sent range");
        problems.put("\"endState\":[]", "field endState must be an object");
        for (var problem : problems.entrySet()) {
            Files.writeString(folder.resolve(RunLogs.RUN_FILE), "{" + settings + problem.getKey() + "}");

            assertThatThrownBy(() -> RunLogs.load(List.of(folder))).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("run.json").hasMessageContaining(problem.getValue());
        }
    }
}
