package io.clocklab.core.analysis;

import io.clocklab.core.check.RunChecker;
import io.clocklab.core.check.RunJoin;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.LamportClock;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.MeasuredRate;
import io.clocklab.core.run.RunData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one run's logs into its statistics, plot series and verdict. Pure: no I/O beyond reading the
 * logs, no clock, the same {@link RunData} always gives the same {@link RunAnalysis}. The definitions
 * are in {@code docs/analysis.md}.
 * <p>
 * The statistics and series come from one streaming pass over the logs ({@link DriftTimeline#merge}
 * merges the VMs' logs by time; every per-VM figure is a one-pass accumulator), so what is held in
 * memory is bounded by the {@link AnalysisLimits} and the number of VMs, never by the run's length:
 * at most {@link RunSeries#MAX_POINTS} points per series and {@link AnalysisLimits#jumpSample()}
 * jumps per VM (beyond that, p50, p95 and the histogram come from a seeded uniform sample, and
 * {@link JumpStats#sampled()} says so).
 * <p>
 * VMs appear in clockRates order, followed by any VM that logged events without having a rate (its
 * clockRate is reported as 0, meaning unknown, and the queue model predicts 0 for it). A VM with a
 * rate but no events gets zero statistics. No value is NaN or infinite, so the result serialises as
 * plain JSON.
 */
public final class RunAnalyzer {

    private RunAnalyzer() {
    }

    /**
     * The analysis with the default limits ({@link AnalysisLimits#DEFAULT}).
     *
     * @throws IllegalArgumentException when randomRange is below 1 or a rate is missing or negative (the queue model needs them)
     */
    public static RunAnalysis analyze(RunData data) {
        return analyze(data, AnalysisLimits.DEFAULT);
    }

    /**
     * The analysis, holding no more than {@code limits} allow.
     *
     * @throws IllegalArgumentException when randomRange is below 1 or a rate is missing or negative (the queue model needs them)
     */
    public static RunAnalysis analyze(RunData data, AnalysisLimits limits) {
        RunAnalysis statistics = statistics(data, limits);
        RunJoin.Outcome checked = RunChecker.checkAndAccount(data, limits);
        return new RunAnalysis(statistics.runId(), statistics.start(), statistics.end(), statistics.durationSeconds(),
                statistics.randomRange(), statistics.events(), statistics.vms(), statistics.series(), checked.verdict(), data.outages(),
                checked.delivery());
    }

    /**
     * The analysis of logs that name no messages (the exercise's text logs): the statistics as for any
     * run; the verdict of the rules each VM's log can be checked for alone ({@link RunChecker#checkPerVm}),
     * the others listed as not checkable; and no delivery accounting (null), which needs to know which
     * message each RECEIVE is.
     */
    public static RunAnalysis analyzeWithoutMessages(RunData data, AnalysisLimits limits) {
        RunAnalysis statistics = statistics(data, limits);
        return new RunAnalysis(statistics.runId(), statistics.start(), statistics.end(), statistics.durationSeconds(),
                statistics.randomRange(), statistics.events(), statistics.vms(), statistics.series(), RunChecker.checkPerVm(data, limits),
                data.outages(), null);
    }

    /** Everything but the verdict and the delivery accounting (null there): one streaming pass over the logs. */
    static RunAnalysis statistics(RunData data, AnalysisLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Map<String, Double> predicted = QueueModel.predictedGrowth(data.clockRates(), data.randomRange());
        List<String> vms = vmOrder(data);
        Map<String, Integer> index = new HashMap<>();
        List<VmTally> tallies = new ArrayList<>(vms.size());
        for (int v = 0; v < vms.size(); v++) {
            String vm = vms.get(v);
            index.put(vm, v);
            tallies.add(new VmTally(vm, data.events().count(vm), limits.jumpSample(), data.runId()));
        }
        Pass pass = new Pass(tallies, index);
        DriftTimeline.merge(vms, data.events(), pass);

        Instant start = pass.start;
        Instant end = pass.end;
        double duration = start == null ? 0 : MeasuredRate.seconds(Duration.between(start, end));
        Instant origin = start == null ? Instant.EPOCH : start;
        List<VmAnalysis> analyses = new ArrayList<>();
        Map<String, List<Point>> clockSeries = new LinkedHashMap<>();
        Map<String, List<Point>> queueSeries = new LinkedHashMap<>();
        Map<String, List<Point>> driftSeries = new LinkedHashMap<>();
        for (VmTally tally : tallies) {
            analyses.add(tally.analysis(data.clockRates().getOrDefault(tally.vm, 0), predicted.getOrDefault(tally.vm, 0.0),
                    pass.addressed[index.get(tally.vm)]));
            clockSeries.put(tally.vm, points(tally.clocks.result(), origin));
            queueSeries.put(tally.vm, points(tally.queues.result(), origin));
            driftSeries.put(tally.vm, points(tally.drift.result(), origin));
        }
        RunSeries series = new RunSeries(Collections.unmodifiableMap(clockSeries), Collections.unmodifiableMap(queueSeries),
                Collections.unmodifiableMap(driftSeries));
        return new RunAnalysis(data.runId(), start, end, duration, data.randomRange(), pass.events, analyses, series, null,
                data.outages(), null);
    }

    private static List<String> vmOrder(RunData data) {
        LinkedHashSet<String> vms = new LinkedHashSet<>(data.clockRates().keySet());
        vms.addAll(data.events().vms());
        return List.copyOf(vms);
    }

    /** A kept sample, timed by its instant until the run's start is known. */
    private record Stamp(Instant at, double value) {
    }

    private static List<Point> points(List<Stamp> stamps, Instant origin) {
        List<Point> points = new ArrayList<>(stamps.size());
        for (Stamp stamp : stamps) {
            points.add(new Point(MeasuredRate.seconds(Duration.between(origin, stamp.at())), stamp.value()));
        }
        return points;
    }

    /**
     * The pass over the merged timeline. The trends' x is seconds since the timeline's first event,
     * which is the run's start unless a wall clock stepped back before it (a slope does not depend on
     * where x starts).
     */
    private static final class Pass implements DriftTimeline.Listener {
        private final List<VmTally> tallies;
        private final Map<String, Integer> index;
        /** Messages addressed to each VM (by index); a SEND to every peer counts once per recipient. */
        final long[] addressed;
        Instant start;
        Instant end;
        long events;
        private Instant reference;

        Pass(List<VmTally> tallies, Map<String, Integer> index) {
            this.tallies = tallies;
            this.index = index;
            this.addressed = new long[tallies.size()];
        }

        @Override
        public void event(int vm, Event event) {
            Instant at = event.systemTime();
            if (reference == null) {
                reference = at;
            }
            start = start == null || at.isBefore(start) ? at : start;
            end = end == null || at.isAfter(end) ? at : end;
            events++;
            if (event.type() == EventType.SEND && event.to() != null) {
                for (String to : event.to()) {
                    Integer recipient = index.get(to);
                    if (recipient != null) {
                        addressed[recipient]++;
                    }
                }
            }
            tallies.get(vm).add(event, seconds(at));
        }

        @Override
        public void instant(Instant at, long[] clocks) {
            long leading = DriftTimeline.leading(clocks);
            double seconds = seconds(at);
            for (int v = 0; v < clocks.length; v++) {
                tallies.get(v).gap(at, seconds, leading - clocks[v]);
            }
        }

        private double seconds(Instant at) {
            return MeasuredRate.seconds(Duration.between(reference, at));
        }
    }

    /** One VM's figures, accumulated event by event. */
    private static final class VmTally {
        final String vm;
        final Thinning.Evenly<Stamp> clocks;
        final Thinning.Peaks<Stamp> queues;
        final Thinning.Decimating<Stamp> drift = new Thinning.Decimating<>(Thinning.MAX_POINTS);
        private final JumpSample jumps;
        private final LeastSquares queueTrend = new LeastSquares();
        private final LeastSquares driftTrend = new LeastSquares();
        private long events;
        private long sends;
        private long receives;
        private long internals;
        private long sent;
        private long previousClock;
        private Instant first;
        private Event last;
        private double queueSum;
        private int queueMax;
        private long gapMax;
        private long gapFinal;

        VmTally(String vm, long expectedEvents, int jumpSample, String runId) {
            this.vm = vm;
            this.clocks = new Thinning.Evenly<>(expectedEvents, Thinning.MAX_POINTS);
            this.queues = new Thinning.Peaks<>(expectedEvents, Thinning.MAX_POINTS);
            this.jumps = new JumpSample(jumpSample, runId, vm);
        }

        void add(Event event, double seconds) {
            events++;
            switch (event.type()) {
                case SEND -> {
                    sends++;
                    sent += event.to() == null ? 0 : event.to().size();
                }
                case RECEIVE -> {
                    receives++;
                    jumps.add(LamportClock.jump(previousClock, event));
                }
                case INTERNAL -> internals++;
            }
            previousClock = event.logicalClock();
            if (first == null) {
                first = event.systemTime();
            }
            last = event;
            queueTrend.add(seconds, event.queueLength());
            queueSum += event.queueLength();
            queueMax = Math.max(queueMax, event.queueLength());
            clocks.add(new Stamp(event.systemTime(), event.logicalClock()));
            queues.add(new Stamp(event.systemTime(), event.queueLength()), event.queueLength());
        }

        void gap(Instant at, double seconds, long gap) {
            driftTrend.add(seconds, gap);
            gapMax = Math.max(gapMax, gap);
            gapFinal = gap;
            drift.add(new Stamp(at, gap), gap);
        }

        VmAnalysis analysis(int clockRate, double predictedGrowth, long addressedHere) {
            int queued = last == null ? 0 : last.queueLength();
            QueueStats queue = events == 0 ? new QueueStats(0, 0, 0, predictedGrowth)
                    : new QueueStats(queueMax, queueSum / events, queueTrend.slope(), predictedGrowth);
            return new VmAnalysis(vm, clockRate, MeasuredRate.of(events, first, last == null ? null : last.systemTime()), events,
                    sends, receives, internals, last == null ? 0 : last.logicalClock(), jumps.stats(),
                    new DriftStats(gapFinal, gapMax, driftTrend.slope()), queue, new MessageCounts(sent, addressedHere, receives, queued));
        }
    }
}
