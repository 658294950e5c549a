package io.clocklab.core.log;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExerciseLogTest {

    private static final String HEADER = ExerciseLog.BANNER + "\nclock_rate = 3\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void eachLineKindBecomesAClocklabEvent() throws IOException {
        Path file = write("machine_1.log", HEADER + """
                [Internal event], [System time]: 2023-03-06 20:13:18.934520, [Logical Clock Time]: 1
                [Send]: 2, [System time]: 2023-03-06 20:13:19.100200, [Logical Clock Time]: 2
                [Receive]: 5, [System time]: 2023-03-06 20:13:19.934520, [Message Queue Length]: 4, [Logical Clock Time]: 6
                """);

        ExerciseLog log = ExerciseLog.read(file);

        assertThat(log.vm()).isEqualTo("machine_1");
        assertThat(log.clockRate()).isEqualTo(3);
        assertThat(log.events()).containsExactly(
                Event.internal(1, "machine_1", Instant.parse("2023-03-06T20:13:18.934520Z"), 1, 0),
                Event.send(2, "machine_1", Instant.parse("2023-03-06T20:13:19.100200Z"), 2, 0, null, null),
                new Event(3, "machine_1", EventType.RECEIVE, Instant.parse("2023-03-06T20:13:19.934520Z"), 6, 4, null, null, null, 5L));
    }

    @Test
    void blankLinesAreSkippedAndSeqCountsEventsAndATimeWithoutFractionIsAWholeSecond() throws IOException {
        Path file = write("m2.txt", "\n" + HEADER + """

                [Internal event], [System time]: 2023-03-06 20:13:18, [Logical Clock Time]: 1

                [Internal event], [System time]: 2023-03-06 20:13:19.5, [Logical Clock Time]: 2\r
                """);

        ExerciseLog log = ExerciseLog.read(file);

        assertThat(log.events()).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(log.events()).extracting(Event::systemTime)
                .containsExactly(Instant.parse("2023-03-06T20:13:18Z"), Instant.parse("2023-03-06T20:13:19.5Z"));
    }

    @Test
    void aFileWithoutTheBannerIsRefusedAtItsFirstLine() throws IOException {
        Path file = write("vm1.log", "clock_rate = 3\n[Internal event], [System time]: 2023-03-06 20:13:18.1, [Logical Clock Time]: 1\n");

        assertThatThrownBy(() -> ExerciseLog.read(file)).isInstanceOf(LogFormatException.class)
                .hasMessage(file + ":1: missing the banner line " + ExerciseLog.BANNER + " the exercise's logs start with; got 'clock_rate = 3'")
                .extracting(e -> ((LogFormatException) e).line()).isEqualTo(1);
    }

    @Test
    void aMissingOrBadClockRateIsRefusedNamingTheLine() throws IOException {
        Path noRate = write("vm1.log", ExerciseLog.BANNER + "\n[Internal event], [System time]: 2023-03-06 20:13:18.1, [Logical Clock Time]: 1\n");
        Path zero = write("vm2.log", ExerciseLog.BANNER + "\nclock_rate = 0\n");
        Path notANumber = write("vm3.log", ExerciseLog.BANNER + "\n\nclock_rate = fast\n");
        Path onlyBanner = write("vm4.log", ExerciseLog.BANNER + "\n");

        assertThatThrownBy(() -> ExerciseLog.read(noRate)).hasMessageStartingWith(noRate + ":2: missing the line 'clock_rate = N' after the banner");
        assertThatThrownBy(() -> ExerciseLog.read(zero)).hasMessage(zero + ":2: clock_rate must be a whole number of at least 1, got 0");
        assertThatThrownBy(() -> ExerciseLog.read(notANumber)).hasMessage(notANumber + ":3: clock_rate must be a whole number, got 'fast'");
        assertThatThrownBy(() -> ExerciseLog.read(onlyBanner)).hasMessage(onlyBanner + ": missing the line 'clock_rate = N' after the banner");
    }

    @Test
    void anEmptyFileAndASecondBannerAreRefused() throws IOException {
        Path empty = write("vm1.log", "\n\n");
        Path twice = write("vm2.log", HEADER + "[Internal event], [System time]: 2023-03-06 20:13:18.1, [Logical Clock Time]: 1\n"
                + ExerciseLog.BANNER + "\nclock_rate = 3\n");

        assertThatThrownBy(() -> ExerciseLog.read(empty)).isInstanceOf(LogFormatException.class)
                .hasMessageStartingWith(empty + ": empty: the exercise's logs start with the banner line");
        assertThatThrownBy(() -> ExerciseLog.read(twice)).hasMessage(twice + ":4: a second banner line: give one file per machine and run");
    }

    @Test
    void aMalformedLineOrABadNumberOrTimeIsRefusedNamingFileAndLine() throws IOException {
        String good = "[Internal event], [System time]: 2023-03-06 20:13:18.1, [Logical Clock Time]: 1\n";
        Path garbled = write("vm1.log", HEADER + good + "[Recieve]: 5, [System time]: 2023-03-06 20:13:19.1, [Logical Clock Time]: 6\n");
        Path badClock = write("vm2.log", HEADER + good + "[Send]: 2, [System time]: 2023-03-06 20:13:19.1, [Logical Clock Time]: two\n");
        Path badTime = write("vm3.log", HEADER + "[Internal event], [System time]: 2023-03-06T20:13:18Z, [Logical Clock Time]: 1\n");
        Path badQueue = write("vm4.log", HEADER + "[Receive]: 5, [System time]: 2023-03-06 20:13:19.1, [Message Queue Length]: -1,"
                + " [Logical Clock Time]: 6\n");
        Path badSent = write("vm5.log", HEADER + "[Send]: x, [System time]: 2023-03-06 20:13:19.1, [Logical Clock Time]: 1\n");

        assertThatThrownBy(() -> ExerciseLog.read(garbled)).isInstanceOf(LogFormatException.class)
                .hasMessageStartingWith(garbled + ":4: not an event of the exercise's log").hasMessageContaining("got '[Recieve]: 5,");
        assertThatThrownBy(() -> ExerciseLog.read(badClock)).hasMessage(badClock + ":4: [Logical Clock Time] must be a whole number, got 'two'");
        assertThatThrownBy(() -> ExerciseLog.read(badTime)).hasMessageStartingWith(badTime + ":3: [System time] must be a time such as")
                .hasMessageContaining("(read as UTC), got '2023-03-06T20:13:18Z'");
        assertThatThrownBy(() -> ExerciseLog.read(badQueue))
                .hasMessage(badQueue + ":3: [Message Queue Length] must be a whole number of at least 0, got -1");
        assertThatThrownBy(() -> ExerciseLog.read(badSent)).hasMessage(badSent + ":3: [Send] must be a whole number, got 'x'");
    }

    @Test
    void aFileNameThatIsNoVmNameIsRefused() throws IOException {
        Path file = write("machine one.log", HEADER);

        assertThatThrownBy(() -> ExerciseLog.read(file)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'machine one' cannot be a VM name");
    }

    @Test
    void theBannerIsToldFromOtherFirstLines() throws IOException {
        assertThat(ExerciseLog.startsWithBanner(write("a.log", "\n  " + HEADER))).isTrue();
        assertThat(ExerciseLog.startsWithBanner(write("b.jsonl", "{\"seq\":1}\n" + HEADER))).isFalse();
        assertThat(ExerciseLog.startsWithBanner(write("c.log", ""))).isFalse();
    }
}
