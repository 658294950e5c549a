package io.clocklab.core.causality;

import io.clocklab.core.analysis.Point;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.LamportClock;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Happens-before in one run, from its logs alone ({@link CausalOrder} gives every event its vector
 * clock): how much of the run is concurrent, overall and over time; the pairs Lamport's clock orders
 * although they are concurrent; the longest causal chain; and per VM, how much of its clock came from
 * its own events and how much from its receives. Pure, and streamed: two passes over the logs, and
 * memory bounded by the number of VMs, {@link #MAX_WINDOWS}, {@link #EXAMPLES} and the messages in
 * flight, never by the run's length.
 * <p>
 * Pair counts come from the vector clocks without visiting pairs: the events that happened before e
 * are {@code sum_j V(e)[j] - 1}, so the ordered pairs are the sum of that over all events. Events with
 * different Lamport clocks are ordered by it, and every causal pair has different clocks, so the false
 * orderings are the pairs with different clocks less the ordered pairs. Equal clocks are counted in the
 * first pass, which merges the VMs' logs by clock (exact when each VM's clock rises with every event,
 * as the checker requires).
 * <p>
 * When events carry vector clocks (a run with {@code "clock": "vector"}), each is compared with the
 * derived one ({@link CausalityReport#carriedVectors()}).
 */
public final class CausalityAnalyzer {

    /** The most false orderings listed by name (all are counted). */
    public static final int EXAMPLES = 20;

    /** How far back in each VM's log an event may be named as an example. */
    static final int RECENT = 1024;

    /** The most windows of {@link CausalityReport#concurrentShareOverTime()}. */
    public static final int MAX_WINDOWS = 100;

    private CausalityAnalyzer() {
    }

    /** The run's VMs in its order ({@link CausalOrder#vmsOf}). */
    public static CausalityReport analyze(RunData data) {
        return analyze(CausalOrder.vmsOf(data), data.events());
    }

    public static CausalityReport analyze(List<String> vms, RunEvents events) {
        Span span = span(vms, events);
        Pass pass = new Pass(vms, span);
        CausalOrder.stream(vms, events, pass);
        return pass.report(span);
    }

    /** The first pass: the run's wall-time span and its pairs of equal Lamport clocks. */
    private record Span(long events, Instant first, double seconds, long tiedPairs) {
    }

    private static Span span(List<String> vms, RunEvents events) {
        int n = vms.size();
        EventCursor[] cursors = new EventCursor[n];
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(Head::clock).thenComparingInt(Head::vm));
        long count = 0;
        long tied = 0;
        Instant first = null;
        Instant last = null;
        try {
            for (int v = 0; v < n; v++) {
                cursors[v] = events.open(vms.get(v));
                Event event = cursors[v].next();
                if (event != null) {
                    heads.add(new Head(v, event));
                }
            }
            long clock = Long.MIN_VALUE;
            long same = 0;
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                Event event = head.event;
                count++;
                first = first == null || event.systemTime().isBefore(first) ? event.systemTime() : first;
                last = last == null || event.systemTime().isAfter(last) ? event.systemTime() : last;
                if (event.logicalClock() == clock) {
                    tied += same++;
                } else {
                    clock = event.logicalClock();
                    same = 1;
                }
                Event following = cursors[head.vm].next();
                if (following != null) {
                    heads.add(new Head(head.vm, following));
                }
            }
        } finally {
            for (EventCursor cursor : cursors) {
                if (cursor != null) {
                    cursor.close();
                }
            }
        }
        double seconds = first == null ? 0 : seconds(first, last);
        return new Span(count, first, seconds, tied);
    }

    private record Head(int vm, Event event) {
        long clock() {
            return event.logicalClock();
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** The narrowest of 1, 2 and 5 times a power of ten (at least a millisecond) that cuts the span into at most {@link #MAX_WINDOWS}. */
    static double windowSeconds(double span) {
        for (double decade = 0.001; ; decade *= 10) {
            for (int step : new int[]{1, 2, 5}) {
                double width = step * decade;
                if (Math.floor(span / width) + 1 <= MAX_WINDOWS) {
                    return width;
                }
            }
        }
    }

    /**
     * Whether a carried vector clock is the derived one ({@code counts}, in the order of {@code vms}): the same count
     * for every VM, a VM missing from either counting 0. Compared by value: the carried one is sparse and keyed by name.
     */
    static boolean sameVector(List<String> vms, long[] counts, VectorTime carried) {
        int named = 0;
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] != carried.get(vms.get(v))) {
                return false;
            }
            if (counts[v] != 0) {
                named++;
            }
        }
        return named == carried.counts().size();
    }

    /** A derived vector clock as a {@link VectorTime}: the VMs of {@code vms} with a count above 0. */
    static VectorTime vectorTime(List<String> vms, long[] counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] > 0) {
                named.put(vms.get(v), counts[v]);
            }
        }
        return new VectorTime(named);
    }

    /** The second pass, over the causal order. */
    private static final class Pass implements CausalOrder.Listener {
        private final List<String> vms;
        private final int n;
        private final Instant first;
        private final double width;
        private final int windows;
        /** Per window and VM: the index (1-based, in the VM's log) of its first and latest event in the window; 0 for none yet. */
        private final long[][] firstIn;
        private final long[][] lastIn;
        private final long[] eventsIn;
        private final long[] orderedIn;
        /** Per VM, how many of its events have gone, and the latest {@link #RECENT} of them (seq, clock, time) by index. */
        private final long[] lastIndex;
        private final long[] lastClock;
        private final long[][] recentSeq;
        private final long[][] recentClock;
        private final Instant[][] recentTime;
        private final long[] ownEvents;
        private final Instant[] latest;
        private final long[] fromReceives;
        private final PriorityQueue<FalseOrdering> examples = new PriorityQueue<>(Comparator.comparingLong(FalseOrdering::gap));
        private long events;
        private long ordered;
        private long longest;
        private EventRef chainEnd;
        private long withoutSend;
        private long compared;
        private long equal;
        private long withoutVector;
        private final List<VectorDifference> differences = new ArrayList<>();

        Pass(List<String> vms, Span span) {
            this.vms = vms;
            this.n = vms.size();
            this.first = span.first();
            this.width = windowSeconds(span.seconds());
            this.windows = (int) Math.floor(span.seconds() / width) + 1;
            this.firstIn = new long[windows][n];
            this.lastIn = new long[windows][n];
            this.eventsIn = new long[windows];
            this.orderedIn = new long[windows];
            this.lastIndex = new long[n];
            this.lastClock = new long[n];
            this.recentSeq = new long[n][RECENT];
            this.recentClock = new long[n][RECENT];
            this.recentTime = new Instant[n][RECENT];
            this.ownEvents = new long[n];
            this.latest = new Instant[n];
            this.fromReceives = new long[n];
        }

        @Override
        public void event(int vm, Event event, long[] vector, long chain) {
            events++;
            compareCarried(vm, event, vector);
            long past = -1;
            for (long count : vector) {
                past += count;
            }
            ordered += past;
            window(vm, event, vector);
            if (chain > longest) {
                longest = chain;
                chainEnd = ref(vm, event);
            }
            for (int j = 0; j < n; j++) {
                // j's events after the ones this event has seen are concurrent with it (none of them can have seen it):
                // the first of them has the lowest clock, the latest the highest
                if (j != vm && lastIndex[j] > vector[j]) {
                    consider(vm, event, j, vector[j] + 1);
                    if (lastIndex[j] > vector[j] + 1) {
                        consider(vm, event, j, lastIndex[j]);
                    }
                }
            }
            ownEvents[vm]++;
            if (event.type() == EventType.RECEIVE) {
                fromReceives[vm] += Math.max(0, LamportClock.jump(lastClock[vm], event) - 1);
            }
            lastIndex[vm] = vector[vm];
            lastClock[vm] = event.logicalClock();
            int slot = (int) ((vector[vm] - 1) % RECENT);
            recentSeq[vm][slot] = event.seq();
            recentClock[vm][slot] = event.logicalClock();
            recentTime[vm][slot] = event.systemTime();
        }

        /** The event's carried vector clock, if any, against the derived one. */
        private void compareCarried(int vm, Event event, long[] vector) {
            VectorTime carried = event.vectorClock();
            if (carried == null) {
                withoutVector++;
                return;
            }
            compared++;
            if (sameVector(vms, vector, carried)) {
                equal++;
            } else if (differences.size() < CarriedVectors.SHOWN) {
                differences.add(new VectorDifference(ref(vm, event), carried, vectorTime(vms, vector)));
            }
        }

        private void window(int vm, Event event, long[] vector) {
            // by the VM's latest time so far: a wall clock that steps back keeps its events in the window they came in
            Instant at = latest[vm] == null || event.systemTime().isAfter(latest[vm]) ? event.systemTime() : latest[vm];
            latest[vm] = at;
            int w = (int) Math.min(windows - 1, Math.max(0, Math.floor(seconds(first, at) / width)));
            long[] firsts = firstIn[w];
            long[] lasts = lastIn[w];
            if (firsts[vm] == 0) {
                firsts[vm] = vector[vm];
            }
            lasts[vm] = vector[vm];
            long before = 0;
            for (int j = 0; j < n; j++) {
                if (firsts[j] != 0) {
                    long upTo = j == vm ? vector[vm] - 1 : Math.min(vector[j], lasts[j]);
                    before += Math.max(0, upTo - firsts[j] + 1);
                }
            }
            eventsIn[w]++;
            orderedIn[w] += before;
        }

        /** Lists the pair of this event and {@code other}'s event at {@code index} (concurrent) if its clock gap is among the widest. */
        private void consider(int vm, Event event, int other, long index) {
            if (lastIndex[other] - index >= RECENT) {
                return; // too far back to be named; still counted
            }
            int slot = (int) ((index - 1) % RECENT);
            long clock = recentClock[other][slot];
            long gap = Math.abs(event.logicalClock() - clock);
            if (gap == 0 || (examples.size() >= EXAMPLES && gap <= examples.peek().gap())) {
                return;
            }
            EventRef mine = ref(vm, event);
            EventRef theirs = new EventRef(vms.get(other), recentSeq[other][slot], clock, recentTime[other][slot]);
            FalseOrdering candidate = event.logicalClock() < clock ? new FalseOrdering(mine, theirs, gap) : new FalseOrdering(theirs, mine, gap);
            // no event in two examples: a slow VM's first event is concurrent with hundreds of others, one of them says it
            List<FalseOrdering> sharing = examples.stream().filter(kept -> sharesAnEvent(kept, candidate)).toList();
            if (sharing.stream().anyMatch(kept -> kept.gap() >= gap)) {
                return;
            }
            examples.removeAll(sharing);
            examples.add(candidate);
            if (examples.size() > EXAMPLES) {
                examples.poll();
            }
        }

        private static boolean sharesAnEvent(FalseOrdering a, FalseOrdering b) {
            return a.lower().equals(b.lower()) || a.lower().equals(b.higher()) || a.higher().equals(b.lower()) || a.higher().equals(b.higher());
        }

        private EventRef ref(int vm, Event event) {
            return new EventRef(vms.get(vm), event.seq(), event.logicalClock(), event.systemTime());
        }

        @Override
        public void end(long receivesWithoutSend) {
            this.withoutSend = receivesWithoutSend;
        }

        CausalityReport report(Span span) {
            long pairs = events * (events - 1) / 2;
            long concurrent = pairs - ordered;
            long lamportOrdered = pairs - span.tiedPairs();
            long falseOrderings = Math.max(0, lamportOrdered - ordered);
            List<FalseOrdering> listed = new ArrayList<>(examples);
            listed.sort(Comparator.comparingLong(FalseOrdering::gap).reversed()
                    .thenComparing(o -> o.higher().systemTime()).thenComparing(o -> o.higher().vm()));
            List<VmGrowth> growth = new ArrayList<>(n);
            for (int v = 0; v < n; v++) {
                long total = ownEvents[v] + fromReceives[v];
                growth.add(new VmGrowth(vms.get(v), ownEvents[v], lastClock[v], ownEvents[v], fromReceives[v],
                        total == 0 ? 0 : (double) fromReceives[v] / total));
            }
            List<Point> overTime = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                long inWindow = eventsIn[w] * (eventsIn[w] - 1) / 2;
                if (inWindow > 0) {
                    overTime.add(new Point(w * width, (double) (inWindow - orderedIn[w]) / inWindow));
                }
            }
            return new CausalityReport(events, pairs, ordered, concurrent, pairs == 0 ? 0 : (double) concurrent / pairs,
                    span.tiedPairs(), falseOrderings, lamportOrdered == 0 ? 0 : (double) falseOrderings / lamportOrdered,
                    listed, longest, chainEnd, growth, width, overTime, withoutSend,
                    compared == 0 ? null : new CarriedVectors(compared, equal, compared - equal, withoutVector, differences));
        }
    }
}
