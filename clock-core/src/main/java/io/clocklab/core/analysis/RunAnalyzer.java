package io.clocklab.core.analysis;

import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns one run's logs into its statistics, plot series and verdict. Pure: no I/O, no clock, the
 * same {@link RunData} always gives the same {@link RunAnalysis}. The definitions are in
 * {@code docs/analysis.md}.
 * <p>
 * VMs appear in clockRates order, followed by any VM that logged events without having a rate (its
 * clockRate is reported as 0, meaning unknown, and the queue model predicts 0 for it). A VM with a
 * rate but no events gets zero statistics. No value is NaN or infinite, so the result serialises as
 * plain JSON.
 */
public final class RunAnalyzer {

    private RunAnalyzer() {
    }

    /** @throws IllegalArgumentException when randomRange is below 1 or a rate is missing or negative (the queue model needs them) */
    public static RunAnalysis analyze(RunData data) {
        List<String> vms = vmOrder(data);
        Instant start = null;
        Instant end = null;
        for (List<Event> events : data.eventsByVm().values()) {
            for (Event event : events) {
                start = start == null || event.systemTime().isBefore(start) ? event.systemTime() : start;
                end = end == null || event.systemTime().isAfter(end) ? event.systemTime() : end;
            }
        }
        double duration = start == null ? 0 : MeasuredRate.seconds(Duration.between(start, end));
        Instant origin = start == null ? Instant.EPOCH : start;

        Map<String, Double> predicted = QueueModel.predictedGrowth(data.clockRates(), data.randomRange());
        Map<String, Long> addressed = addressedCounts(data);
        List<List<Point>> drift = DriftTimeline.samples(vms, data.eventsByVm(), origin);

        List<VmAnalysis> analyses = new ArrayList<>();
        Map<String, List<Point>> clockSeries = new LinkedHashMap<>();
        Map<String, List<Point>> queueSeries = new LinkedHashMap<>();
        Map<String, List<Point>> driftSeries = new LinkedHashMap<>();
        for (int v = 0; v < vms.size(); v++) {
            String vm = vms.get(v);
            List<Event> events = data.eventsByVm().getOrDefault(vm, List.of());
            List<Point> clocks = new ArrayList<>(events.size());
            List<Point> queues = new ArrayList<>(events.size());
            for (Event event : events) {
                double seconds = MeasuredRate.seconds(Duration.between(origin, event.systemTime()));
                clocks.add(new Point(seconds, event.logicalClock()));
                queues.add(new Point(seconds, event.queueLength()));
            }
            analyses.add(vmAnalysis(vm, data, events, queues, drift.get(v), predicted.getOrDefault(vm, 0.0),
                    addressed.getOrDefault(vm, 0L)));
            clockSeries.put(vm, Thinning.evenly(clocks, Thinning.MAX_POINTS));
            queueSeries.put(vm, Thinning.keepingPeaks(queues, Thinning.MAX_POINTS));
            driftSeries.put(vm, Thinning.keepingPeaks(drift.get(v), Thinning.MAX_POINTS));
        }
        RunSeries series = new RunSeries(Collections.unmodifiableMap(clockSeries), Collections.unmodifiableMap(queueSeries),
                Collections.unmodifiableMap(driftSeries));
        CheckReport verdict = RunChecker.check(data);
        return new RunAnalysis(data.runId(), start, end, duration, data.randomRange(), data.eventCount(), analyses, series, verdict,
                data.outages(), DeliveryAccounting.account(data));
    }

    private static List<String> vmOrder(RunData data) {
        LinkedHashSet<String> vms = new LinkedHashSet<>(data.clockRates().keySet());
        vms.addAll(data.eventsByVm().keySet());
        return List.copyOf(vms);
    }

    /** How many messages each VM was sent: a SEND to every peer counts once per recipient. */
    private static Map<String, Long> addressedCounts(RunData data) {
        Map<String, Long> addressed = new HashMap<>();
        data.eventsByVm().values().forEach(events -> events.forEach(event -> {
            if (event.type() == EventType.SEND && event.to() != null) {
                event.to().forEach(to -> addressed.merge(to, 1L, Long::sum));
            }
        }));
        return addressed;
    }

    private static VmAnalysis vmAnalysis(String vm, RunData data, List<Event> events, List<Point> queues, List<Point> drift,
                                         double predictedGrowth, long addressedHere) {
        long sends = 0;
        long receives = 0;
        long internals = 0;
        long sent = 0;
        long[] jumps = new long[events.size()];
        int jumpCount = 0;
        long previousClock = 0;
        for (Event event : events) {
            switch (event.type()) {
                case SEND -> {
                    sends++;
                    sent += event.to() == null ? 0 : event.to().size();
                }
                case RECEIVE -> {
                    receives++;
                    jumps[jumpCount++] = event.logicalClock() - previousClock;
                }
                case INTERNAL -> internals++;
            }
            previousClock = event.logicalClock();
        }
        Event last = events.isEmpty() ? null : events.get(events.size() - 1);
        int queued = last == null ? 0 : last.queueLength();
        return new VmAnalysis(vm, data.clockRates().getOrDefault(vm, 0), MeasuredRate.of(events), events.size(),
                sends, receives, internals, last == null ? 0 : last.logicalClock(),
                jumpStats(Arrays.copyOf(jumps, jumpCount)), driftStats(drift), queueStats(queues, predictedGrowth),
                new MessageCounts(sent, addressedHere, receives, queued));
    }

    private static JumpStats jumpStats(long[] jumps) {
        if (jumps.length == 0) {
            return new JumpStats(0, 0, 0, 0, 0, List.of());
        }
        Arrays.sort(jumps);
        double sum = 0;
        for (long jump : jumps) {
            sum += jump;
        }
        return new JumpStats(jumps.length, sum / jumps.length, NearestRank.percentile(jumps, 50),
                NearestRank.percentile(jumps, 95), jumps[jumps.length - 1], Histograms.of(jumps));
    }

    private static DriftStats driftStats(List<Point> gaps) {
        if (gaps.isEmpty()) {
            return new DriftStats(0, 0, 0);
        }
        LeastSquares trend = new LeastSquares();
        long max = 0;
        for (Point gap : gaps) {
            trend.add(gap.seconds(), gap.value());
            max = Math.max(max, (long) gap.value());
        }
        return new DriftStats((long) gaps.get(gaps.size() - 1).value(), max, trend.slope());
    }

    private static QueueStats queueStats(List<Point> queues, double predictedGrowth) {
        if (queues.isEmpty()) {
            return new QueueStats(0, 0, 0, predictedGrowth);
        }
        LeastSquares trend = new LeastSquares();
        double sum = 0;
        int max = 0;
        for (Point queue : queues) {
            trend.add(queue.seconds(), queue.value());
            sum += queue.value();
            max = Math.max(max, (int) queue.value());
        }
        return new QueueStats(max, sum / queues.size(), trend.slope(), predictedGrowth);
    }
}
