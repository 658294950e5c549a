package io.clocklab.core.log;

import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.run.EventCursor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One machine's log as the logical-clocks exercise's Python programs write it: a banner line
 * {@value #BANNER}, a line {@code clock_rate = N}, then one event per line:
 * <pre>
 * [Internal event], [System time]: 2023-03-06 20:13:18.934520, [Logical Clock Time]: 1
 * [Send]: 9, [System time]: 2023-03-06 20:13:19.100200, [Logical Clock Time]: 9
 * [Receive]: 5, [System time]: 2023-03-06 20:13:19.934520, [Message Queue Length]: 0, [Logical Clock Time]: 6
 * </pre>
 * Each line becomes a clocklab {@link Event}: the VM is the file's name without its extension, seq
 * counts the events 1, 2, 3 ... in line order, the system time (which names no zone) is read as UTC,
 * with or without a fraction of a second. A RECEIVE's number is the message's clock and its queue
 * length is the one logged; a SEND's number (the clock the message carried) is read but kept nowhere,
 * since a clocklab SEND has no such field. These logs name no messages, senders or recipients, so a
 * SEND has no {@code to} and no {@code messageId}, a RECEIVE no {@code from} and no {@code messageId}.
 * INTERNAL and SEND events get queue length 0: in the exercise a machine rolls only when its queue is
 * empty. Blank lines are skipped.
 * <p>
 * Nothing of the file is held: {@link #read} checks every line and counts the events, and
 * {@link #open} reads them again, one at a time, as often as a run's checker and analysis need.
 *
 * @param file       the log
 * @param vm         the machine, named after its file
 * @param clockRate  the {@code clock_rate} of the header: ticks per second
 * @param eventCount its event lines
 */
public record ExerciseLog(Path file, String vm, int clockRate, long eventCount) {

    /** The line every log of the exercise starts with. */
    public static final String BANNER = "=============LOG START=============";

    private static final String TIME = "\\[System time\\]: ([^,]*)";
    private static final String CLOCK = "\\[Logical Clock Time\\]: *(\\S*)";
    private static final Pattern RATE = Pattern.compile("clock_rate *= *(\\S*)");
    private static final Pattern INTERNAL = Pattern.compile("\\[Internal event\\], *" + TIME + ", *" + CLOCK);
    private static final Pattern SEND = Pattern.compile("\\[Send\\]: *([^,]*), *" + TIME + ", *" + CLOCK);
    private static final Pattern RECEIVE = Pattern.compile(
            "\\[Receive\\]: *([^,]*), *" + TIME + ", *\\[Message Queue Length\\]: *([^,]*), *" + CLOCK);

    /** Python's {@code str(datetime)}: {@code 2023-03-06 20:13:18.934520}, without the fraction when it is 0. */
    static final DateTimeFormatter SYSTEM_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    private static final int SHOWN = 80;


    /**
     * @throws LogFormatException naming the file and line: a file name that is no VM name, a missing
     *                            banner or {@code clock_rate} line, a second banner, a line that is no
     *                            event of the exercise, a bad number or time, text that is not UTF-8
     */
    public static ExerciseLog read(Path file) throws IOException {
        String vm = vmNameOf(file);
        if (!Names.isValid(vm)) {
            throw new LogFormatException(file, 0, "the machine is named after its file, without the extension, and '" + vm
                    + "' cannot be a VM name: it must be " + Names.RULE);
        }
        try (Lines lines = new Lines(file, vm)) {
            long count = 0;
            while (lines.next() != null) {
                count++;
            }
            return new ExerciseLog(file, vm, lines.clockRate(), count);
        }
    }

    /** The events again, in line order, read one at a time; a line that no longer reads is an UncheckedIOException naming it. */
    public EventCursor open() {
        Lines lines;
        try {
            lines = new Lines(file, vm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EventCursor() {
            @Override
            public Event next() {
                try {
                    return lines.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                lines.close();
            }
        };
    }

    /** Every event in memory, in line order: for small logs and tests. */
    public List<Event> events() {
        List<Event> events = new ArrayList<>();
        try (EventCursor cursor = open()) {
            for (Event event = cursor.next(); event != null; event = cursor.next()) {
                events.add(event);
            }
        }
        return events;
    }

    /** The file read line by line: the banner and the {@code clock_rate} line checked, then one event per call. */
    private static final class Lines implements AutoCloseable {
        private final Path file;
        private final String vm;
        private final BufferedReader in;
        private int lineNumber;
        private Integer clockRate;
        private boolean banner;
        private long seq;

        Lines(Path file, String vm) throws IOException {
            this.file = file;
            this.vm = vm;
            this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        /** The next event, null after the last line (when the header was there). */
        Event next() throws IOException {
            try {
                for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                    lineNumber++;
                    String line = raw.strip();
                    if (line.isEmpty()) {
                        continue;
                    }
                    if (!banner) {
                        if (!line.equals(BANNER)) {
                            throw new LogFormatException(file, lineNumber, "missing the banner line " + BANNER
                                    + " the exercise's logs start with; got '" + shown(line) + "'");
                        }
                        banner = true;
                    } else if (line.equals(BANNER)) {
                        throw new LogFormatException(file, lineNumber, "a second banner line: give one file per machine and run");
                    } else if (clockRate == null) {
                        clockRate = ExerciseLog.clockRate(file, lineNumber, line);
                    } else {
                        return event(file, lineNumber, line, vm, ++seq);
                    }
                }
            } catch (CharacterCodingException e) {
                throw new LogFormatException(file, lineNumber + 1, "not UTF-8 text", e);
            }
            clockRate();
            return null;
        }

        /** The header's rate; the header must be complete. */
        int clockRate() throws LogFormatException {
            if (!banner) {
                throw new LogFormatException(file, 0, "empty: the exercise's logs start with the banner line " + BANNER);
            }
            if (clockRate == null) {
                throw new LogFormatException(file, 0, "missing the line 'clock_rate = N' after the banner");
            }
            return clockRate;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** True when the file's first non-blank line is {@value #BANNER}. */
    public static boolean startsWithBanner(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    return line.strip().equals(BANNER);
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
        return false;
    }

    /** The file's name without its extension (the part after the last '.'). */
    static String vmNameOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static int clockRate(Path file, int lineNumber, String line) throws LogFormatException {
        Matcher rate = RATE.matcher(line);
        if (!rate.matches()) {
            throw new LogFormatException(file, lineNumber, "missing the line 'clock_rate = N' after the banner; got '" + shown(line) + "'");
        }
        long value = number(file, lineNumber, rate.group(1), "clock_rate");
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new LogFormatException(file, lineNumber, "clock_rate must be a whole number of at least 1, got " + value);
        }
        return (int) value;
    }

    private static Event event(Path file, int lineNumber, String line, String vm, long seq) throws LogFormatException {
        Matcher m = INTERNAL.matcher(line);
        if (m.matches()) {
            return Event.internal(seq, vm, time(file, lineNumber, m.group(1)), clock(file, lineNumber, m.group(2)), 0);
        }
        m = SEND.matcher(line);
        if (m.matches()) {
            number(file, lineNumber, m.group(1), "[Send]");
            return Event.send(seq, vm, time(file, lineNumber, m.group(2)), clock(file, lineNumber, m.group(3)), 0, null, null);
        }
        m = RECEIVE.matcher(line);
        if (m.matches()) {
            long messageClock = number(file, lineNumber, m.group(1), "[Receive]");
            long queue = number(file, lineNumber, m.group(3), "[Message Queue Length]");
            if (queue < 0 || queue > Integer.MAX_VALUE) {
                throw new LogFormatException(file, lineNumber, "[Message Queue Length] must be a whole number of at least 0, got " + queue);
            }
            return new Event(seq, vm, EventType.RECEIVE, time(file, lineNumber, m.group(2)),
                    clock(file, lineNumber, m.group(4)), (int) queue, null, null, null, messageClock);
        }
        throw new LogFormatException(file, lineNumber, "not an event of the exercise's log: expected a line starting '[Internal event],'"
                + " '[Send]:' or '[Receive]:' with its [System time] and [Logical Clock Time]; got '" + shown(line) + "'");
    }

    private static long clock(Path file, int lineNumber, String text) throws LogFormatException {
        return number(file, lineNumber, text, "[Logical Clock Time]");
    }

    private static long number(Path file, int lineNumber, String text, String field) throws LogFormatException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new LogFormatException(file, lineNumber, field + " must be a whole number, got '" + shown(text) + "'");
        }
    }

    private static Instant time(Path file, int lineNumber, String text) throws LogFormatException {
        try {
            return LocalDateTime.parse(text.strip(), SYSTEM_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new LogFormatException(file, lineNumber, "[System time] must be a time such as 2023-03-06 20:13:18.934520 (read as UTC), got '"
                    + shown(text) + "'");
        }
    }

    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
