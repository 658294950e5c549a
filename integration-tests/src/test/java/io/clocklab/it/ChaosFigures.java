package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures a chaos scenario measures, taken from what the coordinator reports (the run, its
 * analysis) and from the VMs' own log files, each scenario in one line the lead can quote. The
 * lines go to the test log and to {@code target/chaos-figures.txt}.
 */
final class ChaosFigures {

    static final Path FILE = Path.of("target", "chaos-figures.txt");
    /** How long a message may take from its SEND to the recipient's queue, counting it in flight (same host, one hop). */
    static final Duration IN_FLIGHT = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(ChaosFigures.class);

    private ChaosFigures() {
    }

    /** Starts a fresh figures file for this run of the test class. */
    static void reset() {
        reset(FILE);
    }

    /** Starts a fresh figures file ({@code target/<name>}) for this run of a test class. */
    static void reset(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs one scenario's line and appends it to the figures file. */
    static void record(String scenario, String figures) {
        record(FILE, "CHAOS " + scenario + ": " + figures);
    }

    /** Logs one line of figures and appends it to {@code file}. */
    static void record(Path file, String line) {
        log.info(line);
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    /**
     * The run's message accounting. From the analysis' {@code delivery} report when the coordinator
     * gives one; otherwise from the logs, where only the queue at each VM's last event is known
     * and a loss cannot be named ({@code lost} is then null): a message a VM never received was in
     * its queue at its last event, or in flight then (sent after that event or less than
     * {@link #IN_FLIGHT} before it: the VMs tick on a common grid, so a send and the recipient's
     * last tick can be a millisecond apart), or neither: {@code unaccounted}, the unreceived messages
     * sent before that event that its queue then does not explain (negative if the queue held more
     * than went missing). Duplicate RECEIVEs always come from the logs.
     *
     * @param source              "delivery report" or "logs"
     * @param undeliveredByReason count per reason (QUEUED, IN_TRANSIT, RECIPIENT_DOWN)
     * @param lost                the lost messages as the report names them; null when not known
     */
    record Delivery(String source, long addressed, long received, Map<String, Long> undeliveredByReason, List<String> lost,
                    long duplicateReceives, long unaccounted) {

        static Delivery of(JsonNode analysis, Map<String, List<Event>> logs) {
            long duplicates = ChaosFigures.duplicateReceives(logs);
            JsonNode report = analysis == null ? null : analysis.get("delivery");
            if (report != null && !report.isNull()) {
                Map<String, Long> byReason = new TreeMap<>();
                report.path("undelivered").forEach(u -> byReason.merge(u.path("reason").asText("?"), 1L, Long::sum));
                List<String> lost = new ArrayList<>();
                report.path("lost").forEach(l -> lost.add(l.isTextual() ? l.asText() : l.toString()));
                return new Delivery("delivery report", report.path("addressed").asLong(), report.path("received").asLong(),
                        byReason, lost, duplicates, 0);
            }
            // From the logs: per recipient, a message it never received was still in its queue at its last
            // event, or in flight then (sent after it, or just before it and not in the queue), or neither.
            long addressed = 0;
            long received = 0;
            long queued = 0;
            long inFlight = 0;
            long unaccounted = 0;
            for (Map.Entry<String, List<Event>> recipient : logs.entrySet()) {
                List<Event> own = recipient.getValue();
                Set<String> got = new HashSet<>();
                own.stream().filter(e -> e.type() == EventType.RECEIVE).forEach(e -> got.add(e.messageId()));
                Event last = own.isEmpty() ? null : own.get(own.size() - 1);
                long after = 0;
                long justBefore = 0;
                long earlier = 0;
                for (List<Event> sender : logs.values()) {
                    for (Event send : sender) {
                        if (send.type() != EventType.SEND || !send.to().contains(recipient.getKey())) {
                            continue;
                        }
                        addressed++;
                        if (got.contains(send.messageId())) {
                            received++;
                        } else if (last == null || send.systemTime().isAfter(last.systemTime())) {
                            after++;
                        } else if (send.systemTime().isAfter(last.systemTime().minus(IN_FLIGHT))) {
                            justBefore++;
                        } else {
                            earlier++;
                        }
                    }
                }
                int queuedAtLast = last == null ? 0 : last.queueLength();
                // The queue may hold some of those sent just before: they count as queued, the rest as in flight.
                long missing = justBefore + earlier - queuedAtLast;
                long inFlightJustBefore = Math.max(0, Math.min(missing, justBefore));
                queued += queuedAtLast;
                inFlight += after + inFlightJustBefore;
                unaccounted += missing - inFlightJustBefore;
            }
            Map<String, Long> byReason = new TreeMap<>();
            byReason.put("QUEUED", queued);
            byReason.put("IN_FLIGHT_AT_RECIPIENTS_END", inFlight);
            return new Delivery("logs", addressed, received, byReason, null, duplicates, unaccounted);
        }

        long undelivered() {
            return undeliveredByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            String lostPart = lost == null
                    ? "lost n/a (no delivery report; unaccounted " + unaccounted + ")"
                    : "lost " + lost.size() + (lost.isEmpty() ? "" : " " + cap(lost));
            return "messages addressed " + addressed + ", received " + received + ", undelivered " + undelivered() + " "
                    + undeliveredByReason + ", " + lostPart + ", duplicate RECEIVEs " + duplicateReceives + " [from the " + source + "]";
        }
    }

    /**
     * A container killed and started again.
     *
     * @param down            when Docker reported it stopped
     * @param started         when {@code docker start} was issued
     * @param serving         when it first answered its health check again
     * @param firstEventAfter the systemTime of its first logged event after {@code down}; null if none (a VM that never rejoined)
     */
    record Restart(String name, Instant down, Instant started, Instant serving, Instant firstEventAfter) {

        String describe(Instant runStart) {
            String base = name + " down at " + at(runStart, down) + ", started " + at(runStart, started) + ", serving "
                    + at(runStart, serving);
            if (firstEventAfter == null) {
                return base + ", no event after the outage";
            }
            return base + ", first event after the outage " + at(runStart, firstEventAfter) + " (start -> first tick "
                    + seconds(Duration.between(started, firstEventAfter)) + ", outage " + seconds(Duration.between(down, firstEventAfter)) + ")";
        }
    }

    /** Every VM's RECEIVE of a message it had already received. */
    static long duplicateReceives(Map<String, List<Event>> logs) {
        long duplicates = 0;
        for (Map.Entry<String, List<Event>> vm : logs.entrySet()) {
            Set<String> seen = new HashSet<>();
            for (Event event : vm.getValue()) {
                if (event.type() == EventType.RECEIVE && !seen.add(event.messageId())) {
                    duplicates++;
                }
            }
        }
        return duplicates;
    }

    static Optional<Event> firstEventAfter(List<Event> events, Instant instant) {
        return events.stream().filter(e -> e.systemTime().isAfter(instant)).findFirst();
    }

    /** The first break in seq 1, 2, 3 …, described; empty when there is none. */
    static Optional<String> seqGap(List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).seq() != i + 1) {
                return Optional.of("event #" + (i + 1) + " has seq " + events.get(i).seq()
                        + (i == 0 ? "" : " after seq " + events.get(i - 1).seq() + " at " + events.get(i - 1).systemTime()));
            }
        }
        return Optional.empty();
    }

    /** Where two logs of one VM part, described; empty when they are the same. */
    static Optional<String> firstDifference(List<Event> actual, List<Event> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                return Optional.of("event #" + (i + 1) + " is " + actual.get(i) + ", not " + expected.get(i));
            }
        }
        return actual.size() == expected.size() ? Optional.empty()
                : Optional.of(actual.size() + " events, not " + expected.size());
    }

    /**
     * The most events logged within any {@code window}: the checker's RATE_LIMIT allows rate + 1
     * within 999 ms (1 s less its 1 ms of slack).
     */
    static int mostEventsWithin(List<Event> events, Duration window) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < events.size(); last++) {
            while (Duration.between(events.get(first).systemTime(), events.get(last).systemTime()).compareTo(window) > 0) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /** The checker's violations, at most a few, for a message. */
    static List<String> violations(JsonNode analysis) {
        List<String> all = new ArrayList<>();
        if (analysis != null) {
            analysis.path("verdict").path("violations").forEach(v -> all.add(v.path("rule").asText() + " at "
                    + v.path("vm").asText() + "#" + v.path("seq").asText() + ": " + v.path("detail").asText()));
        }
        return all;
    }

    /** The outages the analysis reports, relative to the run's start; "n/a" when it reports none at all. */
    static String outages(JsonNode analysis, Instant runStart) {
        JsonNode outages = analysis == null ? null : analysis.get("outages");
        if (outages == null || outages.isNull()) {
            return "outages n/a";
        }
        List<String> listed = new ArrayList<>();
        outages.forEach(o -> listed.add(o.path("vm").asText() + " " + o.path("cause").asText() + " from "
                + relative(runStart, o.path("from")) + " to " + relative(runStart, o.path("to"))));
        return "outages " + listed;
    }

    private static String relative(Instant runStart, JsonNode instant) {
        return instant.isNull() || instant.isMissingNode() ? "the end" : at(runStart, Instant.parse(instant.asText()));
    }

    /** "+8.0 s": an instant relative to the run's start. */
    static String at(Instant runStart, Instant instant) {
        return instant == null ? "never" : "+" + seconds(Duration.between(runStart, instant));
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    static String cap(List<String> items) {
        return items.size() <= 5 ? items.toString() : items.subList(0, 5) + " and " + (items.size() - 5) + " more";
    }
}
