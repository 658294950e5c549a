package io.clocklab.report;

import io.clocklab.core.log.LogSeek;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunEvents;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Space-time diagrams of long runs, built from a slice of the logs rather than the whole run: the
 * window's first {@code cap + 1} events per VM, up to {@link #BEFORE_EVENTS} from the
 * {@link #BEFORE} before it (so a RECEIVE whose SEND is that recent gets its arrow from the edge)
 * and as many from the {@link #BEFORE} after it (so a SEND's arrow says when it was received).
 * Memory holds the slice, whatever the run's length.
 */
public final class SpaceTimeSlices {

    static final Duration BEFORE = Duration.ofSeconds(10);
    static final int BEFORE_EVENTS = 2000;

    private SpaceTimeSlices() {
    }

    /**
     * From each VM's log file (one VM per file, as the archive holds them), found by binary search
     * on time: a few dozen lines are read besides the slice, so any window of any run is quick.
     *
     * @param files     each VM's log file, in lane order
     * @param requested the window to draw; null for the run's default one
     * @return the diagram and the window it is cut for
     */
    public static SpaceTimeDiagram fromFiles(Map<String, java.nio.file.Path> files, Instant start, VmColors colors, int cap,
                                             SpaceTimeWindow requested) throws IOException {
        Map<String, LogSeek> seeks = new LinkedHashMap<>();
        try {
            for (var entry : files.entrySet()) {
                seeks.put(entry.getKey(), new LogSeek(entry.getValue()));
            }
            long total = 0;
            double last = 0;
            Map<String, List<Event>> opening = new LinkedHashMap<>();
            for (var entry : seeks.entrySet()) {
                LogSeek seek = entry.getValue();
                Event lastEvent = seek.last();
                if (lastEvent != null) {
                    total += lastEvent.seq();
                    last = Math.max(last, seconds(start, lastEvent.systemTime()));
                }
                opening.put(entry.getKey(), read(seek, 0, null, Instant.MAX, cap + 1, null));
            }
            SpaceTimeWindow defaultWindow = new SpaceTimeDiagram(opening, start, colors, cap).defaultWindow();
            SpaceTimeWindow window = requested != null ? requested : defaultWindow;
            Instant from = at(start, window.fromSeconds());
            Instant to = at(start, window.toSeconds());
            Map<String, List<Event>> slice = new LinkedHashMap<>();
            long inWindow = 0;
            for (var entry : seeks.entrySet()) {
                LogSeek seek = entry.getValue();
                slice.put(entry.getKey(), read(seek, seek.offsetOf(from.minus(BEFORE)), from, to, cap + 1, new ArrayDeque<>()));
                inWindow += seqAt(seek, seek.offsetOf(to)) - seqAt(seek, seek.offsetOf(from));
            }
            return new SpaceTimeDiagram(slice, start, colors, cap,
                    new SpaceTimeDiagram.Totals(total, last, defaultWindow, window, inWindow));
        } finally {
            for (LogSeek seek : seeks.values()) {
                seek.close();
            }
        }
    }

    /**
     * From logs that can only be streamed, for the run's default window (the static report): each
     * VM's first {@code cap + 1} events are read, no more; the run's size and end come from its analysis.
     *
     * @param end    the run's last event's time
     * @param total  the run's events
     */
    public static SpaceTimeDiagram opening(RunEvents events, Instant start, Instant end, long total, VmColors colors, int cap) {
        Map<String, List<Event>> opening = new LinkedHashMap<>();
        for (String vm : events.vms()) {
            List<Event> kept = new ArrayList<>();
            try (EventCursor cursor = events.open(vm)) {
                for (Event event = cursor.next(); event != null; event = kept.size() <= cap ? cursor.next() : null) {
                    kept.add(event);
                }
            }
            opening.put(vm, kept);
        }
        SpaceTimeDiagram inSlice = new SpaceTimeDiagram(opening, start, colors, cap);
        SpaceTimeWindow window = inSlice.defaultWindow();
        return new SpaceTimeDiagram(opening, start, colors, cap,
                new SpaceTimeDiagram.Totals(total, seconds(start, end), window, window, inSlice.countIn(window)));
    }

    /**
     * Reads lines from {@code offset}: those before {@code from} go to {@code before} (the latest
     * {@link #BEFORE_EVENTS}), then at most {@code max} up to {@code to}, then (unless {@code before}
     * is null) up to {@link #BEFORE_EVENTS} more within {@link #BEFORE} after those.
     */
    private static List<Event> read(LogSeek seek, long offset, Instant from, Instant to, int max, Deque<Event> before)
            throws IOException {
        List<Event> window = new ArrayList<>();
        Instant lookAheadUntil = null;
        int lookedAhead = 0;
        for (long at = offset; at < seek.size(); ) {
            LogSeek.Line line = seek.lineAt(at);
            at = line.next();
            Event event = line.event();
            if (event == null) {
                continue;
            }
            if (lookAheadUntil == null && from != null && event.systemTime().isBefore(from)) {
                if (before != null) {
                    before.addLast(event);
                    if (before.size() > BEFORE_EVENTS) {
                        before.removeFirst();
                    }
                }
                continue;
            }
            if (lookAheadUntil == null && (window.size() >= max || !event.systemTime().isBefore(to))) {
                if (before == null) {
                    break; // no look-ahead asked for
                }
                // Past what is drawn: the RECEIVEs of what was sent in it, so their arrows say when they arrived.
                lookAheadUntil = event.systemTime().plus(BEFORE);
            }
            if (lookAheadUntil != null && (lookedAhead++ >= BEFORE_EVENTS || event.systemTime().isAfter(lookAheadUntil))) {
                break;
            }
            window.add(event);
        }
        if (before == null || before.isEmpty()) {
            return window;
        }
        List<Event> all = new ArrayList<>(before);
        all.addAll(window);
        return all;
    }

    /** The seq of the line at this offset; one past the last at the end (so differences count events). */
    private static long seqAt(LogSeek seek, long offset) throws IOException {
        for (long at = offset; at < seek.size(); ) {
            LogSeek.Line line = seek.lineAt(at);
            if (line.event() != null) {
                return line.event().seq();
            }
            at = line.next();
        }
        Event last = seek.last();
        return last == null ? 1 : last.seq() + 1;
    }

    private static Instant at(Instant start, double seconds) {
        return start.plusNanos(Math.round(seconds * 1e9));
    }

    private static double seconds(Instant start, Instant time) {
        Duration since = Duration.between(start, time);
        return since.getSeconds() + since.getNano() / 1e9;
    }
}
