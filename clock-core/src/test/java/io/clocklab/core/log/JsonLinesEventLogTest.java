package io.clocklab.core.log;

import io.clocklab.core.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesEventLogTest {

    @TempDir
    Path dir;

    private static Event event(long seq) {
        return Event.internal(seq, "vm1", Instant.parse("2026-11-21T10:00:00Z").plusMillis(seq), seq, 0);
    }

    @Test
    void everyAppendIsInTheFileAtOnce() throws IOException {
        Path file = dir.resolve("run/vm1.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.create(file)) {
            log.append(event(1));
            log.append(event(2));
            assertThat(Files.readAllLines(file)).containsExactly(EventJson.toLine(event(1)), EventJson.toLine(event(2)));
        }
    }

    @Test
    void eachLineIsTheEventsJsonInUtf8EvenAfterALongerOne() throws IOException {
        Path file = dir.resolve("vm1.jsonl");
        Event long1 = Event.send(1, "vm\u00e9\ud83d\ude00", Instant.parse("2026-11-21T10:00:00.5Z"), 1, 3,
                List.of("vm2", "vm \"3\"\n", "vm4".repeat(60)), "vm1-1");
        Event short2 = event(2);
        try (JsonLinesEventLog log = JsonLinesEventLog.create(file)) {
            log.append(long1);
            log.append(short2);
            assertThat(log.size()).isEqualTo(Files.size(file));
        }
        assertThat(Files.readAllBytes(file))
                .isEqualTo((EventJson.toLine(long1) + "\n" + EventJson.toLine(short2) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPageStartsAtFromAndHoldsAtMostLimitEvents() throws IOException {
        try (JsonLinesEventLog log = JsonLinesEventLog.create(dir.resolve("vm1.jsonl"))) {
            for (long seq = 1; seq <= 3000; seq++) {
                log.append(event(seq));
            }
            List<String> page = log.page(1500, 1000);
            assertThat(page).hasSize(1000);
            assertThat(page.get(0)).isEqualTo(EventJson.toLine(event(1500)));
            assertThat(page.get(999)).isEqualTo(EventJson.toLine(event(2499)));
            assertThat(log.page(2990, 1000)).hasSize(11);
            assertThat(log.page(3001, 10)).isEmpty();
            assertThat(log.count()).isEqualTo(3000);
        }
    }

    @Test
    void pagesTogetherGiveEveryEventOnce() throws IOException {
        try (JsonLinesEventLog log = JsonLinesEventLog.create(dir.resolve("vm1.jsonl"))) {
            for (long seq = 1; seq <= 25; seq++) {
                log.append(event(seq));
            }
            List<Long> seqs = LongStream.iterate(1, from -> from <= 25, from -> from + 7)
                    .boxed().flatMap(from -> pageOf(log, from, 7).stream()).map(line -> EventJson.fromLine(line).seq()).toList();
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        }
    }

    @Test
    void seqMustFollowOn() throws IOException {
        try (JsonLinesEventLog log = JsonLinesEventLog.create(dir.resolve("vm1.jsonl"))) {
            log.append(event(1));
            assertThatIllegalArgumentException().isThrownBy(() -> log.append(event(3)));
        }
    }

    @Test
    void anExistingLogIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("vm1.jsonl");
        Files.writeString(file, "precious\n");
        assertThatThrownBy(() -> JsonLinesEventLog.create(file)).isInstanceOf(IOException.class);
        assertThat(Files.readString(file)).isEqualTo("precious\n");
    }

    @Test
    void aClosedLogRefusesAppends() throws IOException {
        JsonLinesEventLog log = JsonLinesEventLog.create(dir.resolve("vm1.jsonl"));
        log.close();
        assertThatThrownBy(() -> log.append(event(1))).isInstanceOf(IOException.class);
    }

    @Test
    void anExistingLogOpenedForAppendGoesOnWhereItEndedAndKeepsEveryByte() throws IOException {
        Path file = dir.resolve("run/vm1.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.create(file)) {
            for (long seq = 1; seq <= 1500; seq++) {
                log.append(event(seq));
            }
        }
        byte[] before = Files.readAllBytes(file);

        try (JsonLinesEventLog log = JsonLinesEventLog.openForAppend(file)) {
            assertThat(log.count()).isEqualTo(1500);
            assertThat(log.size()).isEqualTo(before.length);
            assertThat(log.page(1499, 5)).containsExactly(EventJson.toLine(event(1499)), EventJson.toLine(event(1500)));
            assertThatIllegalArgumentException().isThrownBy(() -> log.append(event(1)));
            log.append(event(1501));
            assertThat(log.page(1500, 5)).containsExactly(EventJson.toLine(event(1500)), EventJson.toLine(event(1501)));
        }
        byte[] after = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(after, before.length)).as("nothing before the append changed").isEqualTo(before);
        assertThat(Files.readAllLines(file)).hasSize(1501).last().isEqualTo(EventJson.toLine(event(1501)));
    }

    @Test
    void anEmptyExistingLogStartsAtSeqOne() throws IOException {
        Path file = dir.resolve("vm1.jsonl");
        Files.createFile(file);
        try (JsonLinesEventLog log = JsonLinesEventLog.openForAppend(file)) {
            assertThat(log.count()).isZero();
            log.append(event(1));
        }
        assertThat(Files.readAllLines(file)).containsExactly(EventJson.toLine(event(1)));
    }

    @Test
    void aLastLineCutShortIsRefusedAndLeftAsItIs() throws IOException {
        Path file = dir.resolve("vm1.jsonl");
        String torn = EventJson.toLine(event(1)) + "\n{\"seq\":2,\"vm\"";
        Files.writeString(file, torn);
        assertThatThrownBy(() -> JsonLinesEventLog.openForAppend(file)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("cut short");
        assertThat(Files.readString(file)).isEqualTo(torn);
    }

    @Test
    void openingForAppendNeedsTheFile() {
        assertThatThrownBy(() -> JsonLinesEventLog.openForAppend(dir.resolve("missing.jsonl"))).isInstanceOf(NoSuchFileException.class);
        assertThat(dir.resolve("missing.jsonl")).doesNotExist();
    }

    @Test
    void aReadOnlyLogPagesButRefusesAppends() throws IOException {
        Path file = dir.resolve("vm1.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.create(file)) {
            log.append(event(1));
            log.append(event(2));
        }
        try (JsonLinesEventLog log = JsonLinesEventLog.openReadOnly(file)) {
            assertThat(log.page(2, 10)).containsExactly(EventJson.toLine(event(2)));
            assertThatThrownBy(() -> log.append(event(3))).isInstanceOf(IOException.class).hasMessageContaining("read-only");
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    private static List<String> pageOf(JsonLinesEventLog log, long from, int limit) {
        try {
            return log.page(from, limit);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pagesAnywhereInALogLongerThanManyIndexStridesReadExactlyTheirLines() throws IOException {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        int events = JsonLinesEventLog.STRIDE * 5 + 17;
        Path file = dir.resolve("long.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.create(file)) {
            for (int seq = 1; seq <= events; seq++) {
                log.append(Event.internal(seq, "vm1", t.plusMillis(seq), seq, seq % 7));
            }
        }
        List<String> all = Files.readAllLines(file);
        for (JsonLinesEventLog log : List.of(JsonLinesEventLog.openReadOnly(file), JsonLinesEventLog.openForAppend(file))) {
            try (log) {
                assertThat(log.count()).isEqualTo(events);
                for (int from : new int[]{1, 2, 255, 256, 257, 512, 700, events - 1, events}) {
                    for (int limit : new int[]{1, 3, 256, 10_000}) {
                        int to = Math.min(events, from - 1 + limit);
                        assertThat(log.page(from, limit)).as("from %d, %d", from, limit).isEqualTo(all.subList(from - 1, to));
                    }
                }
                assertThat(log.page(events + 1, 5)).isEmpty();
            }
        }
    }

    /**
     * A page is read in chunks of 64 KiB, so lines of every length (some longer than a chunk's
     * usual cut buffer, with characters of two to four UTF-8 bytes) end up split across chunks,
     * and some split inside a character.
     */
    @Test
    void linesCutByTheReadChunksComeBackWhole() throws IOException {
        Random random = new Random(20261207);
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        Path file = dir.resolve("chunks.jsonl");
        int events = 3_000;
        try (JsonLinesEventLog log = JsonLinesEventLog.create(file)) {
            for (int seq = 1; seq <= events; seq++) {
                List<String> to = new ArrayList<>();
                for (int n = random.nextInt(12); n > 0; n--) {
                    to.add("vm-\u00e9\u20ac\ud83d\ude00".repeat(1 + random.nextInt(8)) + seq);
                }
                log.append(Event.send(seq, "vm1", t.plusMillis(seq), seq, 0, to, "vm1-" + seq));
            }
        }
        assertThat(Files.size(file)).as("several chunks").isGreaterThan(4L * 64 * 1024);
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        try (JsonLinesEventLog log = JsonLinesEventLog.openReadOnly(file)) {
            assertThat(log.page(1, events)).isEqualTo(all);
            for (int i = 0; i < 200; i++) {
                int from = 1 + random.nextInt(events);
                int limit = 1 + random.nextInt(700);
                int to = Math.min(events, from - 1 + limit);
                assertThat(log.page(from, limit)).as("from %d, %d", from, limit).isEqualTo(all.subList(from - 1, to));
            }
        }
    }
}
