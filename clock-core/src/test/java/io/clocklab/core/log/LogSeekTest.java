package io.clocklab.core.log;

import io.clocklab.core.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogSeekTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    /** Events every 10 ms, three of them sharing each timestamp, with a blank line now and then. */
    private Path log(int events) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int seq = 1; seq <= events; seq++) {
            lines.add(EventJson.toLine(Event.internal(seq, "vm1", T.plusMillis((seq - 1) / 3 * 10L), seq, 0)));
            if (seq % 97 == 0) {
                lines.add("");
            }
        }
        return Files.write(dir.resolve("vm1.jsonl"), lines);
    }

    @Test
    void findsTheFirstEventAtOrAfterAnyTime() throws IOException {
        try (LogSeek seek = new LogSeek(log(5000))) {
            for (long millis : new long[]{-5, 0, 5, 10, 4990, 16_660, 16_665, 99_999}) {
                long offset = seek.offsetOf(T.plusMillis(millis));
                long expectedSeq = millis <= 0 ? 1 : (millis + 9) / 10 * 3 + 1;
                if (expectedSeq > 5000) {
                    assertThat(offset).as("after %d ms", millis).isEqualTo(seek.size());
                    continue;
                }
                LogSeek.Line line = seek.lineAt(offset);
                Event event = line.event() != null ? line.event() : seek.lineAt(line.next()).event();
                assertThat(event.seq()).as("at %d ms", millis).isEqualTo(expectedSeq);
            }
        }
    }

    @Test
    void theLastEventIsFoundFromTheEndEvenAfterBlankLines() throws IOException {
        Path file = log(97);
        Files.writeString(file, Files.readString(file) + "\n\n");
        try (LogSeek seek = new LogSeek(file)) {
            assertThat(seek.last().seq()).isEqualTo(97);
        }
        try (LogSeek empty = new LogSeek(Files.writeString(dir.resolve("vm2.jsonl"), ""))) {
            assertThat(empty.last()).isNull();
            assertThat(empty.offsetOf(T)).isZero();
        }
    }

    @Test
    void aLastLineStillBeingWrittenCountsAsBlank() throws IOException {
        Path file = log(10);
        String half = EventJson.toLine(Event.internal(11, "vm1", T.plusSeconds(1), 11, 0));
        Files.writeString(file, Files.readString(file) + half.substring(0, half.length() / 2));
        try (LogSeek seek = new LogSeek(file)) {
            assertThat(seek.last().seq()).isEqualTo(10);
            assertThat(seek.offsetOf(T.plusSeconds(5))).isEqualTo(seek.size());
        }
    }
}
