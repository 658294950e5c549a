package io.clocklab.core.log;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLogFilesTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    private static Map<String, List<Event>> smallRun() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 2);
        rates.put("vm2", 3);
        return VirtualRuns.of(rates, 10, 1).run(5).eventsByVm();
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        Map<String, List<Event>> run = smallRun();

        EventLogFiles.write(dir, run);

        assertThat(EventLogFiles.read(List.of(dir))).isEqualTo(run);
    }

    @Test
    void eachVmGetsItsOwnFileOfNewlineEndedUtf8Lines() throws IOException {
        Map<String, List<Event>> run = smallRun();

        EventLogFiles.write(dir, run);

        String text = Files.readString(dir.resolve("vm1.jsonl"), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\r");
        assertThat(List.of(text.split("\n"))).hasSize(run.get("vm1").size()).first().isEqualTo(EventJson.toLine(run.get("vm1").get(0)));
        assertThat(dir.resolve("vm2.jsonl")).exists();
    }

    @Test
    void writingRefusesAVmNameThatIsNoFileName() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventLogFiles.write(dir, Map.of("../evil", List.of())))
                .withMessageContaining("VM name");
    }

    @Test
    void filesCanBeGivenOneByOneAndEventsAreSortedBySeq() throws IOException {
        Event second = Event.internal(2, "vm1", T.plusSeconds(1), 2, 0);
        Event first = Event.internal(1, "vm1", T, 1, 0);
        Path a = write("a.jsonl", EventJson.toLine(second));
        Path b = write("b.txt", EventJson.toLine(first));

        assertThat(EventLogFiles.read(List.of(a, b))).containsExactly(Map.entry("vm1", List.of(first, second)));
    }

    @Test
    void eventsAreGroupedByTheirVmFieldAndVmsComeInNaturalOrder() throws IOException {
        write("mixed.jsonl", EventJson.toLine(Event.internal(1, "vm10", T, 1, 0)), EventJson.toLine(Event.internal(1, "vm2", T, 1, 0)));

        assertThat(EventLogFiles.read(List.of(dir)).keySet()).containsExactly("vm2", "vm10");
    }

    @Test
    void theSameFileGivenTwiceIsReadOnce() throws IOException {
        Path file = write("vm1.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)));

        assertThat(EventLogFiles.read(List.of(dir, file)).get("vm1")).hasSize(1);
    }

    @Test
    void blankLinesAreSkippedAndCountedInLineNumbers() throws IOException {
        write("vm1.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)), "", "{oops");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("vm1.jsonl:3: not JSON")
                .satisfies(e -> assertThat(((LogFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        write("vm1.jsonl", "{\"seq\":1,\"vm\":\"vm1\",\"type\":\"INTERNAL\",\"systemTime\":\"2026-11-21T10:00:00Z\",\"queueLength\":0}");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("vm1.jsonl:1: missing field logicalClock");
    }

    @Test
    void aReceiveWithoutItsMessageFieldsIsRefused() throws IOException {
        write("vm1.jsonl", "{\"seq\":1,\"vm\":\"vm1\",\"type\":\"RECEIVE\",\"systemTime\":\"2026-11-21T10:00:00Z\",\"logicalClock\":1,\"queueLength\":0}");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).hasMessageContaining("missing fields messageId, from, messageClock");
    }

    @Test
    void aWrongValueIsRefusedWithItsLine() throws IOException {
        write("vm1.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)),
                "{\"seq\":2,\"vm\":\"vm1\",\"type\":\"TELEPORT\",\"systemTime\":\"2026-11-21T10:00:00Z\",\"logicalClock\":2,\"queueLength\":0}");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("vm1.jsonl:2:").hasMessageContaining("TELEPORT");
    }

    @Test
    void aFieldGivenTwiceIsRefusedRatherThanGuessed() throws IOException {
        write("vm1.jsonl", "{\"seq\":1,\"vm\":\"vm1\",\"vm\":\"vm2\",\"type\":\"INTERNAL\",\"systemTime\":\"2026-11-21T10:00:00Z\",\"logicalClock\":1,\"queueLength\":0}");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("vm1.jsonl:1: not JSON").hasMessageContaining("vm");
    }

    @Test
    void numbersMustBeJsonIntegers() throws IOException {
        write("vm1.jsonl", "{\"seq\":\"1\",\"vm\":\"vm1\",\"type\":\"INTERNAL\",\"systemTime\":\"2026-11-21T10:00:00Z\",\"logicalClock\":1.5,\"queueLength\":0}");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("field seq must be a whole number");
    }

    @Test
    void aJsonValueThatIsNoObjectIsRefused() throws IOException {
        write("vm1.jsonl", "[1, 2]");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).hasMessageContaining("vm1.jsonl:1: not a JSON object");
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Files.write(dir.resolve("vm1.jsonl"), new byte[]{'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aSeqLoggedTwiceNamesBothPlaces() throws IOException {
        write("a.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)));
        write("b.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)));

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("vm1 seq 1 is logged twice").hasMessageContaining("a.jsonl:1").hasMessageContaining("b.jsonl:1");
    }

    @Test
    void withinOneFileAVmsEventsMustBeInSeqOrder() throws IOException {
        write("vm1.jsonl", EventJson.toLine(Event.internal(2, "vm1", T.plusSeconds(1), 2, 0)), EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)));

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("vm1.jsonl:2: vm1 seq 1 follows seq 2 in the same file");
    }

    @Test
    void openedLogsAreStreamedAsOftenAsNeededAndCountedWithoutParsing() throws IOException {
        Map<String, List<Event>> run = smallRun();
        EventLogFiles.write(dir, run);

        RunEvents events = EventLogFiles.open(List.of(dir));

        assertThat(events.vms()).containsExactly("vm1", "vm2");
        assertThat(events.count("vm1")).isEqualTo(run.get("vm1").size());
        assertThat(events.count("nobody")).isZero();
        assertThat(events.toMap()).isEqualTo(run);
        assertThat(events.toMap()).isEqualTo(run);
    }

    @Test
    void aBadLineFoundWhileStreamingNamesItsFileAndLine() throws IOException {
        write("vm1.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)),
                "{\"seq\":2,\"vm\":\"vm1\",\"type\":\"INTERNAL\",\"systemTime\":\"yesterday\",\"logicalClock\":2,\"queueLength\":0}");
        RunEvents events = EventLogFiles.open(List.of(dir));

        try (EventCursor cursor = events.open("vm1")) {
            assertThat(cursor.next().seq()).isEqualTo(1);
            assertThatThrownBy(cursor::next).isInstanceOf(java.io.UncheckedIOException.class)
                    .cause().isInstanceOf(LogFormatException.class).hasMessageContaining("vm1.jsonl:2: field systemTime");
        }
    }

    @Test
    void theLogsOwnTimeFormatAndAnyOtherInstantReadTheSame() {
        assertThat(EventJson.instant("2026-11-21T19:48:00.123456Z")).isEqualTo(Instant.parse("2026-11-21T19:48:00.123456Z"));
        assertThat(EventJson.instant("2024-02-29T23:59:59.999999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
        assertThat(EventJson.instant("2026-11-21T19:48:00Z")).isEqualTo(Instant.parse("2026-11-21T19:48:00Z"));
        assertThatThrownBy(() -> EventJson.instant("2026-02-30T10:00:00.000000Z")).isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    @Test
    void aVmSplitAcrossFilesIsFine() throws IOException {
        write("part1.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)));
        write("part2.jsonl", EventJson.toLine(Event.internal(2, "vm1", T.plusSeconds(1), 2, 0)));

        assertThat(EventLogFiles.read(List.of(dir)).get("vm1")).extracting(Event::seq).containsExactly(1L, 2L);
    }

    @Test
    void anEmptyFileStandsForAVmThatLoggedNothing() throws IOException {
        write("vm1.jsonl", EventJson.toLine(Event.internal(1, "vm1", T, 1, 0)));
        write("vm2.jsonl");

        assertThat(EventLogFiles.read(List.of(dir))).containsEntry("vm2", List.of()).hasSize(2);
    }

    @Test
    void noEventsAtAllIsAnError() throws IOException {
        write("vm1.jsonl");

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class).hasMessageContaining("no events");
    }

    @Test
    void aFolderWithoutLogsSaysSoAndPointsAtRunFolders() throws IOException {
        Files.createDirectories(dir.resolve("run-7"));

        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir))).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("no .jsonl files").hasMessageContaining("run-7");
    }

    @Test
    void aMissingPathIsNamed() {
        assertThatThrownBy(() -> EventLogFiles.read(List.of(dir.resolve("nope")))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void noPathsIsAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventLogFiles.read(List.of()));
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
        return file;
    }
}
