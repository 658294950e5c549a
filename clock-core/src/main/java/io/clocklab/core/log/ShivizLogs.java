package io.clocklab.core.log;

import io.clocklab.core.model.RandomRange;

import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A run read from ShiViz logs: clocklab's own export ({@link io.clocklab.core.causality.ShivizLog}) or
 * the log of any system that writes vector clocks in ShiViz's format (GoVector, a student's tool).
 * How a file is parsed is {@link ShivizEntries}'; several files are read in the order given, as one log
 * (GoVector's logs, one per process, can be given as they are).
 * <p>
 * Each host is a VM, its events ordered by its own count (which is their seq). ShiViz's rules are
 * checked as the entries are read, naming file and line: a host is in its own clock, its own count
 * starts at 1 and rises by exactly 1 with each of its events (in file order), no count is 0, a host's
 * counts never fall, and a clock claims no event of another host that the log does not have, nor
 * one whose own clock it does not include.
 * <p>
 * <b>Messages</b> are reconstructed from the clocks: an event whose clock has grown, for another host
 * j, beyond its host's previous event is a RECEIVE. Its sender is j's event numbered by the clock's
 * count for j: the one whose clock, merged with the previous event's and with the own count plus 1,
 * gives this clock exactly (in a log of real messages, exactly one fits; when none does, several
 * messages were merged at once or events were left out, and the host with the largest count is taken,
 * counted in {@link ShivizImport#inexactReceives}). That event becomes a SEND ({@code to} every host that
 * received it, message id {@link MessageIds#of} its host and seq), the RECEIVE gets its {@code from},
 * message id and {@code messageClock}. Every other event is INTERNAL. A message received by nobody, or
 * by a host that already knew of its sending through others, leaves no trace in vector clocks: its
 * SEND reads as INTERNAL, its RECEIVE too.
 * <p>
 * <b>Lamport clocks</b> are computed by Lamport's rules in a causal order. <b>Times</b> are read from
 * a group named time, timestamp or date when every entry's is ISO-8601 (with or without an offset;
 * without one, UTC); else they are synthetic: {@link #SYNTHETIC_START}, then 1 ms per event in a causal
 * order (the file's order wherever the clocks allow). Queue lengths are 0; the descriptions and other
 * groups (clocklab's own {@code lamport}, {@code queue}, {@code seq}) are not kept. The run id is the
 * first file's name without its extension, the run has no rates (so no RATE_LIMIT), and counts as finished.
 * <p>
 * Memory: the log is held, compactly, in arrays: about 60 bytes per event plus 8 per count in its clock
 * (some 80 MB for a million events of 3 hosts); never as {@link Event}s, which are made as a VM's
 * events are read.
 */
public final class ShivizLogs {

    /** Where synthetic times start. */
    public static final Instant SYNTHETIC_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final byte INTERNAL = 0;
    private static final byte SEND = 1;
    private static final byte RECEIVE = 2;

    private ShivizLogs() {
    }

    /**
     * @param paths       ShiViz log files, given by name (folders are refused: a folder's files are read as clocklab's or the exercise's logs)
     * @param randomRange the roll range to assume (the format has none; the queue model asks for one)
     * @throws LogFormatException  naming the file and line of the first entry that breaks the format or one of ShiViz's rules
     * @throws NoSuchFileException when a file does not exist
     */
    public static ShivizImport load(List<Path> paths, int randomRange) throws IOException {
        RandomRange.require(randomRange);
        List<Path> files = files(paths);
        History history = new History(files);
        String timeGroup = null;
        for (int f = 0; f < files.size(); f++) {
            try (ShivizEntries entries = ShivizEntries.open(files.get(f))) {
                if (f == 0) {
                    timeGroup = entries.timeGroup();
                    if (timeGroup == null) {
                        history.noTimes("the log has no group named " + String.join(", ", ShivizEntries.TIME_GROUPS));
                    }
                } else if (timeGroup != null && !timeGroup.equals(entries.timeGroup())) {
                    history.noTimes(files.get(f) + " has no group '" + timeGroup + "'");
                }
                for (ShivizEntries.Entry entry = entries.next(); entry != null; entry = entries.next()) {
                    history.add(f, entry);
                }
            }
        }
        history.finish();
        history.merge();
        String runId = runId(files.get(0));
        RunData data = new RunData(runId, Map.of(), randomRange, true, history.events(), List.of(), null);
        boolean synthetic = history.times == null;
        return new ShivizImport(data, files, synthetic ? null : timeGroup, synthetic, history.whySynthetic, history.receives,
                history.inexact, history.firstInexact, history.sendersThatReceive, history.firstSenderThatReceives);
    }

    /** The files given; a folder is refused, a missing file is a NoSuchFileException. */
    public static List<Path> files(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no log files given");
        }
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                throw new LogFormatException(path, 0, "is a folder: ShiViz logs are read from files given by name");
            }
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString(), null, "no such log file");
            }
            files.add(path.toAbsolutePath().normalize());
        }
        return List.copyOf(files);
    }

    /**
     * Whether a file looks like a ShiViz log: its first non-blank line is a parsing expression naming
     * the group host, or its first or second non-blank line is {@code host {...}}.
     */
    static boolean looksLikeShiviz(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int nonBlank = 0;
            for (String line = in.readLine(); line != null && nonBlank < 2; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (nonBlank == 0 && line.contains("(?<host>")) {
                    return true;
                }
                if (ShivizEntries.HOST_CLOCK_LINE.matcher(line.strip()).matches()) {
                    return true;
                }
                nonBlank++;
            }
        } catch (CharacterCodingException e) {
            return false;
        }
        return false;
    }

    /** The file's name without its extension; "shiviz" when that is no run id. */
    private static String runId(Path file) {
        String name = ExerciseLog.vmNameOf(file);
        return Names.isValid(name) ? name : "shiviz";
    }

    /** The log in arrays, one slot per entry in file order; then the reconstruction. */
    private static final class History {
        private final List<Path> files;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<Host> hosts = new ArrayList<>();
        // per event, in file order
        private final Ints hostOf = new Ints();
        private final Ints fileOf = new Ints();
        private final Ints lineOf = new Ints();
        private final Ints clockStart = new Ints();
        private final Ints clockHost = new Ints();
        private final Ints clockCount = new Ints();
        private Longs times = new Longs();
        private String whySynthetic;
        // after the merge
        private byte[] type;
        private int[] sender;
        private int[] firstRecipient;
        private int[] nextRecipient;
        private long[] lamport;
        private int[] position;
        private long receives;
        private long inexact;
        private String firstInexact;
        private long sendersThatReceive;
        private String firstSenderThatReceives;
        private long[] scratch = new long[8];
        private long[] scratchPrevious = new long[8];

        History(List<Path> files) {
            this.files = files;
        }

        void noTimes(String why) {
            if (times != null) {
                times = null;
                whySynthetic = why;
            }
        }

        private int host(String name) {
            Integer known = index.get(name);
            if (known != null) {
                return known;
            }
            index.put(name, hosts.size());
            hosts.add(new Host(name));
            if (hosts.size() > scratch.length) {
                scratch = Arrays.copyOf(scratch, hosts.size() * 2);
                scratchPrevious = Arrays.copyOf(scratchPrevious, hosts.size() * 2);
            }
            return hosts.size() - 1;
        }

        int size() {
            return hostOf.size;
        }

        void add(int file, ShivizEntries.Entry entry) throws LogFormatException {
            Path path = files.get(file);
            int h = host(entry.host());
            Host host = hosts.get(h);
            int[] keys = new int[entry.clockHosts().size()];
            long own = 0;
            for (int i = 0; i < keys.length; i++) {
                keys[i] = host(entry.clockHosts().get(i));
                long count = entry.counts()[i];
                if (count > Integer.MAX_VALUE) {
                    throw new LogFormatException(path, entry.clockLine(), "the clock's count of " + entry.clockHosts().get(i) + " is " + count
                            + ", more events than a log can hold");
                }
                if (keys[i] == h) {
                    own = count;
                }
            }
            if (own == 0) {
                throw new LogFormatException(path, entry.clockLine(), "the host " + host.name + " is not in its own clock (ShiViz's rule: a host"
                        + " counts its own events, from 1)");
            }
            long expected = host.events.size + 1L;
            if (own != expected) {
                throw new LogFormatException(path, entry.clockLine(), expected == 1
                        ? host.name + "'s first event counts " + own + " in its own clock: a host's own count starts at 1"
                        : host.name + "'s own count goes from " + (expected - 1) + " to " + own + ": it rises by exactly 1 with each of its"
                        + " events, in the order of the file");
            }
            if (host.events.size > 0) {
                int previous = host.events.get(host.events.size - 1);
                for (int i = 0; i < keys.length; i++) {
                    scratch[keys[i]] = entry.counts()[i];
                }
                try {
                    for (int i = clockStart.get(previous), end = clockEnd(previous); i < end; i++) {
                        int j = clockHost.get(i);
                        if (scratch[j] < clockCount.get(i)) {
                            throw new LogFormatException(path, entry.clockLine(), host.name + "'s clock counts " + scratch[j] + " events of "
                                    + hosts.get(j).name + ", its previous event's " + clockCount.get(i) + " (" + files.get(fileOf.get(previous))
                                    + ":" + lineOf.get(previous) + "): a host's clock never goes back");
                        }
                    }
                } finally {
                    for (int key : keys) {
                        scratch[key] = 0;
                    }
                }
            }
            for (int i = 0; i < keys.length; i++) {
                Host other = hosts.get(keys[i]);
                if (keys[i] != h && entry.counts()[i] > other.claimed) {
                    other.claimed = entry.counts()[i];
                    other.claimFile = file;
                    other.claimLine = entry.clockLine();
                }
            }
            int e = size();
            host.events.add(e);
            hostOf.add(h);
            fileOf.add(file);
            lineOf.add(entry.line());
            clockStart.add(clockHost.size);
            for (int i = 0; i < keys.length; i++) {
                clockHost.add(keys[i]);
                clockCount.add((int) entry.counts()[i]);
            }
            if (times != null) {
                Instant time = instant(entry.time());
                if (time == null) {
                    noTimes("the time of " + path + ":" + entry.line() + ", '" + ShivizEntries.shown(entry.time()) + "', is not ISO-8601");
                } else {
                    times.add(time.getEpochSecond() * 1_000_000_000L + time.getNano());
                }
            }
        }

        private int clockEnd(int e) {
            return e + 1 < clockStart.size ? clockStart.get(e + 1) : clockHost.size;
        }

        /** Every event another's clock claims exists. */
        void finish() throws LogFormatException {
            Host worst = null;
            for (Host host : hosts) {
                if (host.claimed > host.events.size && (worst == null || host.claimFile < worst.claimFile
                        || (host.claimFile == worst.claimFile && host.claimLine < worst.claimLine))) {
                    worst = host;
                }
            }
            if (worst != null) {
                throw new LogFormatException(files.get(worst.claimFile), worst.claimLine, "the clock claims event " + worst.claimed + " of "
                        + worst.name + ", but " + (worst.events.size == 0 ? worst.name + " logs no events"
                        : "the log has " + worst.events.size + " of " + worst.name + "'s events"));
            }
            if (size() == 0) {
                throw new LogFormatException(files.get(0), 0, "no events");
            }
        }

        /**
         * Every event in a causal order (each after every event its clock counts; of those that may go,
         * the first in the file): the types, senders, Lamport clocks and synthetic times.
         */
        void merge() throws LogFormatException {
            int n = size();
            int vms = hosts.size();
            type = new byte[n];
            sender = new int[n];
            firstRecipient = new int[n];
            nextRecipient = new int[n];
            lamport = new long[n];
            position = times == null ? new int[n] : null;
            Arrays.fill(sender, -1);
            Arrays.fill(firstRecipient, -1);
            Arrays.fill(nextRecipient, -1);
            int[] done = new int[vms];
            int[] waitingOn = new int[vms];
            Ints[] waiters = new Ints[vms];
            for (int v = 0; v < vms; v++) {
                waiters[v] = new Ints();
            }
            PriorityQueue<Integer> ready = new PriorityQueue<>();
            for (int v = 0; v < vms; v++) {
                offer(v, done, waitingOn, waiters, ready);
            }
            int merged = 0;
            while (!ready.isEmpty()) {
                int e = ready.poll();
                int h = hostOf.get(e);
                place(e, h, done[h]);
                if (position != null) {
                    position[e] = merged;
                }
                merged++;
                done[h]++;
                offer(h, done, waitingOn, waiters, ready);
                Ints waiting = waiters[h];
                int kept = 0;
                for (int i = 0; i < waiting.size; i++) {
                    int w = waiting.get(i);
                    if (waitingOn[w] <= done[h]) {
                        offer(w, done, waitingOn, waiters, ready);
                    } else {
                        waiting.set(kept++, w);
                    }
                }
                waiting.size = kept;
            }
            if (merged < n) {
                for (int v = 0; v < vms; v++) {
                    Host host = hosts.get(v);
                    if (done[v] < host.events.size) {
                        int e = host.events.get(done[v]);
                        throw new LogFormatException(files.get(fileOf.get(e)), lineOf.get(e), "the clocks contradict each other: this event of "
                                + host.name + " and the events its clock counts wait on each other, so no order of the events agrees with"
                                + " every clock");
                    }
                }
            }
        }

        /** Host v's next event to the ready queue, or v to the waiters of the first host whose event it still needs. */
        private void offer(int v, int[] done, int[] waitingOn, Ints[] waiters, PriorityQueue<Integer> ready) {
            Host host = hosts.get(v);
            if (done[v] >= host.events.size) {
                return;
            }
            int e = host.events.get(done[v]);
            for (int i = clockStart.get(e), end = clockEnd(e); i < end; i++) {
                int j = clockHost.get(i);
                if (j != v && clockCount.get(i) > done[j]) {
                    waitingOn[v] = clockCount.get(i);
                    waiters[j].add(v);
                    return;
                }
            }
            ready.add(e);
        }

        /** Event e, the {@code k}-th (0-based) of host h, every event its clock counts already placed. */
        private void place(int e, int h, int k) throws LogFormatException {
            int previous = k == 0 ? -1 : hosts.get(h).events.get(k - 1);
            long clockBefore = previous < 0 ? 0 : lamport[previous];
            if (previous >= 0) {
                fill(scratchPrevious, previous);
            }
            int chosen = -1;
            boolean chosenExact = false;
            long chosenCount = 0;
            try {
                for (int i = clockStart.get(e), end = clockEnd(e); i < end; i++) {
                    int j = clockHost.get(i);
                    int count = clockCount.get(i);
                    if (j == h || count <= scratchPrevious[j]) {
                        continue;
                    }
                    int s = hosts.get(j).events.get(count - 1);
                    boolean exact = fits(e, h, s);
                    boolean better = chosen < 0
                            || (exact && !chosenExact)
                            || (exact == chosenExact && (exact ? before(j, hostOf.get(chosen))
                            : count > chosenCount || (count == chosenCount && before(j, hostOf.get(chosen)))));
                    if (better) {
                        chosen = s;
                        chosenExact = exact;
                        chosenCount = count;
                    }
                }
            } finally {
                if (previous >= 0) {
                    clear(scratchPrevious, previous);
                }
            }
            if (chosen < 0) {
                lamport[e] = clockBefore + 1;
                return;
            }
            type[e] = RECEIVE;
            sender[e] = chosen;
            nextRecipient[e] = firstRecipient[chosen];
            firstRecipient[chosen] = e;
            if (type[chosen] == RECEIVE) {
                sendersThatReceive++;
                firstSenderThatReceives = firstSenderThatReceives != null ? firstSenderThatReceives : where(e, h, k);
            } else {
                type[chosen] = SEND;
            }
            receives++;
            if (!chosenExact) {
                inexact++;
                firstInexact = firstInexact != null ? firstInexact : where(e, h, k);
            }
            lamport[e] = Math.max(clockBefore, lamport[chosen]) + 1;
        }

        /**
         * Whether e's clock is exactly s's merged with the previous event's (in scratchPrevious), its own
         * count plus 1; and checks that s's clock is within e's (else the clocks are no vector clocks).
         */
        private boolean fits(int e, int h, int s) throws LogFormatException {
            fill(scratch, e);
            try {
                for (int i = clockStart.get(s), end = clockEnd(s); i < end; i++) {
                    int x = clockHost.get(i);
                    if (clockCount.get(i) > scratch[x]) {
                        throw new LogFormatException(files.get(fileOf.get(e)), lineOf.get(e), "the clock claims event "
                                + (hosts.get(hostOf.get(s)).events.indexOf(s) + 1) + " of " + hosts.get(hostOf.get(s)).name + " ("
                                + files.get(fileOf.get(s)) + ":" + lineOf.get(s) + "), which counts " + clockCount.get(i) + " events of "
                                + hosts.get(x).name + ", but this clock counts " + scratch[x] + ": a clock includes the clocks of the events"
                                + " it counts");
                    }
                }
            } finally {
                clear(scratch, e);
            }
            // e's counts against max(previous, s) + own
            fill(scratch, s);
            try {
                for (int i = clockStart.get(e), end = clockEnd(e); i < end; i++) {
                    int x = clockHost.get(i);
                    long merged = Math.max(scratchPrevious[x], scratch[x]) + (x == h ? 1 : 0);
                    if (merged != clockCount.get(i)) {
                        return false;
                    }
                }
                return true;
            } finally {
                clear(scratch, s);
            }
        }

        private void fill(long[] dense, int e) {
            for (int i = clockStart.get(e), end = clockEnd(e); i < end; i++) {
                dense[clockHost.get(i)] = clockCount.get(i);
            }
        }

        private void clear(long[] dense, int e) {
            for (int i = clockStart.get(e), end = clockEnd(e); i < end; i++) {
                dense[clockHost.get(i)] = 0;
            }
        }

        private boolean before(int a, int b) {
            return Names.NATURAL_ORDER.compare(hosts.get(a).name, hosts.get(b).name) < 0;
        }

        private String where(int e, int h, int k) {
            return hosts.get(h).name + "#" + (k + 1) + " at " + files.get(fileOf.get(e)) + ":" + lineOf.get(e);
        }

        /** The run's events, made from the arrays as each VM's are read. */
        RunEvents events() {
            Map<String, Host> byName = new LinkedHashMap<>();
            hosts.stream().sorted((a, b) -> Names.NATURAL_ORDER.compare(a.name, b.name)).forEach(host -> byName.put(host.name, host));
            List<String> vms = List.copyOf(byName.keySet());
            return RunEvents.over(vms, vm -> {
                Host host = byName.get(vm);
                return new EventCursor() {
                    private int next;

                    @Override
                    public Event next() {
                        return host == null || next >= host.events.size ? null : event(host, next++);
                    }

                    @Override
                    public void close() {
                    }
                };
            }, vm -> byName.containsKey(vm) ? byName.get(vm).events.size : 0);
        }

        private Event event(Host host, int k) {
            int e = host.events.get(k);
            long seq = k + 1L;
            Instant time = times != null ? Instant.ofEpochSecond(0, times.get(e)) : SYNTHETIC_START.plusMillis(position[e]);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = clockStart.get(e), end = clockEnd(e); i < end; i++) {
                counts.put(hosts.get(clockHost.get(i)).name, (long) clockCount.get(i));
            }
            VectorTime vector = new VectorTime(counts);
            return switch (type[e]) {
                case SEND -> {
                    List<String> to = new ArrayList<>();
                    for (int r = firstRecipient[e]; r >= 0; r = nextRecipient[r]) {
                        to.add(hosts.get(hostOf.get(r)).name);
                    }
                    to.sort(Names.NATURAL_ORDER);
                    yield new Event(seq, host.name, EventType.SEND, time, lamport[e], 0, to, MessageIds.of(host.name, seq), null, null,
                            vector, null);
                }
                case RECEIVE -> {
                    int s = sender[e];
                    Host from = hosts.get(hostOf.get(s));
                    yield new Event(seq, host.name, EventType.RECEIVE, time, lamport[e], 0, null,
                            MessageIds.of(from.name, from.events.indexOf(s) + 1L), from.name, lamport[s], vector, null);
                }
                default -> new Event(seq, host.name, EventType.INTERNAL, time, lamport[e], 0, null, null, null, null, vector, null);
            };
        }
    }

    /** A host: its events (indexes in file order, by own count), and the most of its events another's clock claims. */
    private static final class Host {
        final String name;
        final Ints events = new Ints();
        long claimed;
        int claimFile;
        int claimLine;

        Host(String name) {
            this.name = name;
        }
    }

    /** An ISO-8601 time: an instant, a time with an offset, or a local time read as UTC; null if none (or past the year 2255). */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        Instant instant = null;
        try {
            instant = Instant.parse(t);
        } catch (DateTimeException e) {
            try {
                instant = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeException e2) {
                try {
                    instant = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
                } catch (DateTimeException e3) {
                    return null;
                }
            }
        }
        // held as nanoseconds since 1970 in a long
        return Math.abs(instant.getEpochSecond()) < MAX_EPOCH_SECOND ? instant : null;
    }

    private static final long MAX_EPOCH_SECOND = 9_000_000_000L;

    /** A growable int array. */
    private static final class Ints {
        int[] values = new int[16];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int i) {
            return values[i];
        }

        void set(int i, int value) {
            values[i] = value;
        }

        /** The position of a value (the values of a host's events rise: a binary search). */
        int indexOf(int value) {
            return Arrays.binarySearch(values, 0, size, value);
        }
    }

    /** A growable long array. */
    private static final class Longs {
        long[] values = new long[16];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long get(int i) {
            return values[i];
        }
    }
}
