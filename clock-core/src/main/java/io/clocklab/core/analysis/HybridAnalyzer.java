package io.clocklab.core.analysis;

import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.Hlc;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.MeasuredRate;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's hybrid logical clocks (Kulkarni et al., "Logical Physical Clocks", OPODIS 2014) against what
 * the paper proves: {@code l - pt} stays within ε, the widest gap between two VMs' physical clocks, and
 * {@code c} stays below {@code N * (ε + 1) * k} (k: the most events a VM has within one unit of its
 * physical clock; the paper's k is 1). Each event's {@code pt} is its {@code systemTime} floored to
 * the millisecond, the value the VM's hybrid clock was given. The definitions, and why these are the
 * bounds, are in {@code docs/analysis.md}, "Hybrid logical clocks".
 * <p>
 * Pure and streamed: each VM's log is read once, one VM after the other, keeping a few figures and at
 * most {@link RunSeries#MAX_POINTS} points of its series, never the run's events. Only when some
 * {@code c} is above its bound are those VMs' logs read a second time, to count the events that are.
 */
public final class HybridAnalyzer {

    static final String NO_EVENTS = "the run has no events";
    static final String NOT_HYBRID = "no event carries a hybrid time (hlc): the run did not use the hybrid clock";

    private HybridAnalyzer() {
    }

    /**
     * Whether the run used the hybrid clock: some VM's first event carries a hybrid time. Reads one event per VM, so
     * a Lamport or vector run costs nothing more ({@link #analyze} answers it with its reason at once).
     */
    public static boolean carriesHybridTimes(List<String> vms, RunEvents events) {
        for (String vm : vms) {
            try (EventCursor cursor = events.open(vm)) {
                Event first = cursor.next();
                if (first != null && first.hlc() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The run's VMs in its order (its rates' order, then any other VM that logged).
     *
     * @param clockSkew each VM's skew; a VM not named, or a null map, has none
     * @param length    the run's length from its start (the origin of the skews' drift): ε is the widest gap over it
     */
    public static HybridReport analyze(RunData data, Map<String, ClockSkew> clockSkew, Duration length) {
        LinkedHashSet<String> vms = new LinkedHashSet<>(data.clockRates().keySet());
        vms.addAll(data.events().vms());
        return analyze(List.copyOf(vms), data.events(), clockSkew, length);
    }

    /**
     * @param vms       the run's VMs, in its order: ε is over their clocks, the report lists them in this order
     * @param clockSkew each VM's skew; a VM not named, or a null map, has none
     * @param length    the run's length from its start (the origin of the skews' drift): ε is the widest gap over it
     * @return the report; for a run none of whose VMs' first events carries a hybrid time, one that says why it was not analysed
     */
    public static HybridReport analyze(List<String> vms, RunEvents events, Map<String, ClockSkew> clockSkew, Duration length) {
        Objects.requireNonNull(vms, "vms");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(length, "length");
        if (length.isNegative()) {
            throw new IllegalArgumentException("the run's length must not be negative, got " + length);
        }
        Map<String, ClockSkew> skews = new LinkedHashMap<>();
        List<ClockSkew> clocks = new ArrayList<>(vms.size());
        for (String vm : vms) {
            ClockSkew skew = clockSkew == null ? null : clockSkew.get(vm);
            clocks.add(skew == null ? ClockSkew.NONE : skew);
            if (skew != null) {
                skews.put(vm, skew);
            }
        }
        long epsilon = ClockSkew.epsilonMillis(clocks, length);
        double lengthSeconds = MeasuredRate.seconds(length);
        if (!carriesHybridTimes(vms, events)) {
            long total = 0;
            for (String vm : vms) {
                total += events.count(vm);
            }
            return HybridReport.notAnalysed(total == 0 ? NO_EVENTS : NOT_HYBRID, skews, lengthSeconds, total);
        }

        List<Tally> tallies = new ArrayList<>(vms.size());
        for (String vm : vms) {
            Tally tally = new Tally(vm, events.count(vm), epsilon);
            events.forEach(vm, tally::add);
            tallies.add(tally);
        }
        long total = tallies.stream().mapToLong(t -> t.events).sum();
        long hlcEvents = tallies.stream().mapToLong(t -> t.hlcEvents).sum();
        if (hlcEvents == 0) {
            return HybridReport.notAnalysed(total == 0 ? NO_EVENTS : NOT_HYBRID, skews, lengthSeconds, total);
        }
        int n = (int) tallies.stream().filter(t -> t.hlcEvents > 0).count();
        long k = tallies.stream().mapToLong(t -> t.maxPerMilli).max().orElse(1);
        long cBound = Math.multiplyExact(Math.multiplyExact(n, epsilon + 1), k);
        Instant origin = tallies.stream().map(t -> t.first).filter(Objects::nonNull).min(Instant::compareTo).orElseThrow();
        List<HybridVm> reports = new ArrayList<>(tallies.size());
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (Tally tally : tallies) {
            long overC = tally.maxC > cBound ? countOver(events, tally.vm, cBound) : 0;
            reports.add(tally.report(overC));
            series.put(tally.vm, tally.points(origin));
        }
        return new HybridReport(null, skews, lengthSeconds, epsilon, k, n, cBound, total, hlcEvents, reports, series);
    }

    /** The physical time the VM's hybrid clock was given for this event: its systemTime in whole milliseconds, floored. */
    public static long pt(Event event) {
        return event.systemTime().toEpochMilli();
    }

    /** The second read of a VM's log, only when its c went over the bound: how many events did. */
    private static long countOver(RunEvents events, String vm, long cBound) {
        long over = 0;
        try (EventCursor cursor = events.open(vm)) {
            for (Event event = cursor.next(); event != null; event = cursor.next()) {
                if (event.hlc() != null && event.hlc().c() > cBound) {
                    over++;
                }
            }
        }
        return over;
    }

    /** A kept sample, timed by its instant until the run's first event is known. */
    private record Sample(Instant at, long ahead) {
    }

    /** One VM's figures, accumulated event by event. */
    private static final class Tally {
        final String vm;
        private final long epsilon;
        private final Thinning.Peaks<Sample> ahead;
        long events;
        long hlcEvents;
        long maxAhead = Long.MIN_VALUE;
        long minAhead = Long.MAX_VALUE;
        long maxC;
        long notMonotonic;
        Long firstNotMonotonic;
        long belowPhysical;
        long overEpsilon;
        long maxPerMilli;
        Instant first;
        private Hlc previous;
        private long millis = Long.MIN_VALUE;
        private long inMilli;

        Tally(String vm, long expected, long epsilon) {
            this.vm = vm;
            this.epsilon = epsilon;
            this.ahead = new Thinning.Peaks<>(expected, Thinning.MAX_POINTS);
        }

        void add(Event event) {
            events++;
            Instant at = event.systemTime();
            first = first == null || at.isBefore(first) ? at : first;
            long pt = pt(event);
            // events within one millisecond of this VM's clock: consecutive, as its clock only moves forward
            inMilli = pt == millis ? inMilli + 1 : 1;
            millis = pt;
            maxPerMilli = Math.max(maxPerMilli, inMilli);
            Hlc hlc = event.hlc();
            if (hlc == null) {
                return;
            }
            hlcEvents++;
            long gap = hlc.l() - pt;
            maxAhead = Math.max(maxAhead, gap);
            minAhead = Math.min(minAhead, gap);
            maxC = Math.max(maxC, hlc.c());
            if (gap < 0) {
                belowPhysical++;
            }
            if (gap > epsilon) {
                overEpsilon++;
            }
            if (previous != null && !(hlc.l() > previous.l() || (hlc.l() == previous.l() && hlc.c() > previous.c()))) {
                notMonotonic++;
                if (firstNotMonotonic == null) {
                    firstNotMonotonic = event.seq();
                }
            }
            previous = hlc;
            ahead.add(new Sample(at, gap), gap);
        }

        HybridVm report(long overCBound) {
            boolean any = hlcEvents > 0;
            return new HybridVm(vm, events, hlcEvents, any ? maxAhead : 0, any ? minAhead : 0, maxC, notMonotonic == 0, notMonotonic,
                    firstNotMonotonic, belowPhysical, overEpsilon, overCBound, maxPerMilli);
        }

        List<Point> points(Instant origin) {
            List<Sample> samples = ahead.result();
            List<Point> points = new ArrayList<>(samples.size());
            for (Sample sample : samples) {
                points.add(new Point(MeasuredRate.seconds(Duration.between(origin, sample.at())), sample.ahead()));
            }
            return points;
        }
    }
}
