package io.clocklab.core.log;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes clocklab events as the exercise's Python programs log them, for the tests: what a SEND
 * carried is its clock, and the times are cut to microseconds, as Python prints them.
 */
final class ExerciseLogWriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private ExerciseLogWriter() {
    }

    /** {@code <dir>/<vm>.log} for each VM of the run. */
    static void write(Path dir, RunData run) throws IOException {
        Files.createDirectories(dir);
        for (var entry : run.eventsByVm().entrySet()) {
            Files.writeString(dir.resolve(entry.getKey() + ".log"), text(run.clockRates().get(entry.getKey()), entry.getValue()),
                    StandardCharsets.UTF_8);
        }
    }

    static String text(int clockRate, List<Event> events) {
        StringBuilder text = new StringBuilder(ExerciseLog.BANNER).append('\n').append("clock_rate = ").append(clockRate).append('\n');
        for (Event event : events) {
            String time = TIME.format(event.systemTime());
            switch (event.type()) {
                case INTERNAL -> text.append("[Internal event], [System time]: ").append(time);
                case SEND -> text.append("[Send]: ").append(event.logicalClock()).append(", [System time]: ").append(time);
                case RECEIVE -> text.append("[Receive]: ").append(event.messageClock()).append(", [System time]: ").append(time)
                        .append(", [Message Queue Length]: ").append(event.queueLength());
            }
            text.append(", [Logical Clock Time]: ").append(event.logicalClock()).append('\n');
        }
        return text.toString();
    }
}
