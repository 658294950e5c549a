package io.clocklab.report;

import io.clocklab.core.analysis.DriftStats;
import io.clocklab.core.analysis.Estimate;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.HistogramBin;
import io.clocklab.core.analysis.JumpStats;
import io.clocklab.core.analysis.MessageCounts;
import io.clocklab.core.analysis.Point;
import io.clocklab.core.analysis.QueueStats;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;
import io.clocklab.core.analysis.VariationSummary;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.run.RunMode;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Test data for the report: runs simulated with the real {@link ModelMachine} in virtual time
 * (seeded, so every run is replayable), and a rough stand-in for the analysis (the real one lives
 * in clock-core and is written elsewhere; the report only needs plausible records).
 */
final class ReportFixtures {

    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    static final Map<String, Integer> RATES = orderedRates("vm1", 1, "vm2", 3, "vm3", 6);

    private ReportFixtures() {
    }

    static Map<String, Integer> orderedRates(Object... pairs) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rates.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return rates;
    }

    /** A run of about {@code totalEvents} events: each VM ticks on its own grid, messages arrive 3 ms after their SEND. */
    static Map<String, List<Event>> simulate(long seed, Map<String, Integer> rates, int randomRange, int totalEvents) {
        List<String> names = List.copyOf(rates.keySet());
        Instant[] now = {START};
        InstantSource time = () -> now[0];
        Map<String, MessageQueue> queues = new LinkedHashMap<>();
        Map<String, ModelMachine> machines = new LinkedHashMap<>();
        Map<String, List<Event>> events = new LinkedHashMap<>();
        for (String name : names) {
            queues.put(name, new MessageQueue());
            List<String> peers = names.stream().filter(n -> !n.equals(name)).toList();
            machines.put(name, new ModelMachine(name, "run-" + seed, peers, randomRange, Seeds.rollsFor(seed, name),
                    queues.get(name), time));
            events.put(name, new ArrayList<>());
        }
        record Due(long nanos, int order, String vm, Message message) {
        }
        PriorityQueue<Due> agenda = new PriorityQueue<>((a, b) -> a.nanos != b.nanos ? Long.compare(a.nanos, b.nanos) : Integer.compare(a.order, b.order));
        long[] slot = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            agenda.add(new Due(phase(i), 1, names.get(i), null));
        }
        int produced = 0;
        while (produced < totalEvents) {
            Due due = agenda.poll();
            now[0] = START.plusNanos(due.nanos);
            if (due.message != null) {
                queues.get(due.vm).add(due.message);
                continue;
            }
            TickOutcome outcome = machines.get(due.vm).tick();
            events.get(due.vm).add(outcome.event());
            produced++;
            for (String to : outcome.recipients()) {
                agenda.add(new Due(due.nanos + 3_000_000, 0, to, outcome.outbound()));
            }
            int i = names.indexOf(due.vm);
            slot[i]++;
            agenda.add(new Due(phase(i) + slot[i] * 1_000_000_000L / rates.get(due.vm), 1, due.vm, null));
        }
        return events;
    }

    private static long phase(int vmIndex) {
        return 1_000_000L * (7 + 13 * vmIndex);
    }

    static Map<String, List<Event>> smallRun() {
        return simulate(42, RATES, 10, 240);
    }

    static RunView runView(String id) {
        return new RunView(id, "FINISHED", RunMode.SIMULATED, RATES, 10, 42L, 60, START, START.plusSeconds(60), null, null);
    }

    static RunReportData reportData(String id, Map<String, List<Event>> events) {
        return new RunReportData(runView(id), analyse(id, events, RATES, 10), events, Map.of());
    }

    /** A rough analysis good enough to draw: the real numbers come from clock-core's analysis. */
    static RunAnalysis analyse(String runId, Map<String, List<Event>> events, Map<String, Integer> rates, int randomRange) {
        List<Event> all = events.values().stream().flatMap(List::stream)
                .sorted((a, b) -> a.systemTime().compareTo(b.systemTime())).toList();
        Instant start = all.isEmpty() ? null : all.get(0).systemTime();
        Instant end = all.isEmpty() ? null : all.get(all.size() - 1).systemTime();
        double duration = start == null ? 0 : seconds(start, end);
        Map<String, List<Point>> clocks = new LinkedHashMap<>();
        Map<String, List<Point>> queues = new LinkedHashMap<>();
        Map<String, List<Point>> drift = new LinkedHashMap<>();
        Map<String, Long> current = new LinkedHashMap<>();
        events.keySet().forEach(vm -> {
            clocks.put(vm, new ArrayList<>());
            queues.put(vm, new ArrayList<>());
            drift.put(vm, new ArrayList<>());
            current.put(vm, 0L);
        });
        Map<String, Long> maxGap = new LinkedHashMap<>();
        int stride = Math.max(1, all.size() / 600);
        for (int i = 0; i < all.size(); i++) {
            Event e = all.get(i);
            current.put(e.vm(), e.logicalClock());
            double t = seconds(start, e.systemTime());
            clocks.get(e.vm()).add(new Point(t, e.logicalClock()));
            queues.get(e.vm()).add(new Point(t, e.queueLength()));
            long lead = current.values().stream().mapToLong(Long::longValue).max().orElse(0);
            for (var c : current.entrySet()) {
                long gap = lead - c.getValue();
                maxGap.merge(c.getKey(), gap, Math::max);
                if (i % stride == 0 || i == all.size() - 1) {
                    drift.get(c.getKey()).add(new Point(t, gap));
                }
            }
        }
        long lead = current.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<VmAnalysis> vms = new ArrayList<>();
        for (var entry : events.entrySet()) {
            String vm = entry.getKey();
            List<Event> log = entry.getValue();
            long sends = log.stream().filter(e -> e.type() == EventType.SEND).count();
            long receives = log.stream().filter(e -> e.type() == EventType.RECEIVE).count();
            long sent = log.stream().filter(e -> e.type() == EventType.SEND).mapToLong(e -> e.to().size()).sum();
            long addressed = events.values().stream().flatMap(List::stream)
                    .filter(e -> e.type() == EventType.SEND && e.to().contains(vm)).count();
            long[] jumps = new long[(int) receives];
            int j = 0;
            long before = 0;
            for (Event e : log) {
                if (e.type() == EventType.RECEIVE) {
                    jumps[j++] = e.logicalClock() - before;
                }
                before = e.logicalClock();
            }
            Arrays.sort(jumps);
            double queueMean = log.stream().mapToInt(Event::queueLength).average().orElse(0);
            int queueMax = log.stream().mapToInt(Event::queueLength).max().orElse(0);
            double measured = log.size() < 2 ? 0 : (log.size() - 1) / seconds(log.get(0).systemTime(), log.get(log.size() - 1).systemTime());
            long finalClock = log.isEmpty() ? 0 : log.get(log.size() - 1).logicalClock();
            vms.add(new VmAnalysis(vm, rates.getOrDefault(vm, 0), measured, log.size(), sends, receives, log.size() - sends - receives,
                    finalClock, jumpStats(jumps), new DriftStats(lead - finalClock, maxGap.getOrDefault(vm, 0L),
                    duration == 0 ? 0 : (lead - finalClock) / duration),
                    new QueueStats(queueMax, queueMean, duration == 0 ? 0 : log.get(log.size() - 1).queueLength() / duration, 0.05),
                    new MessageCounts(sent, addressed, receives, log.isEmpty() ? 0 : log.get(log.size() - 1).queueLength())));
        }
        return new RunAnalysis(runId, start, end, duration, randomRange, all.size(), vms, new RunSeries(clocks, queues, drift),
                RunChecker.check(events));
    }

    private static JumpStats jumpStats(long[] sorted) {
        if (sorted.length == 0) {
            return new JumpStats(0, 0, 0, 0, 0, List.of());
        }
        double mean = Arrays.stream(sorted).average().orElse(0);
        List<HistogramBin> bins = new ArrayList<>();
        long[][] ranges = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 8}, {9, 16}, {17, 32}, {33, 64}, {65, Long.MAX_VALUE}};
        for (long[] r : ranges) {
            long count = Arrays.stream(sorted).filter(v -> v >= r[0] && v <= r[1]).count();
            long max = sorted[sorted.length - 1];
            if (r[0] <= max) {
                bins.add(new HistogramBin(r[0], Math.min(r[1], Math.max(r[0], max)), count));
            }
        }
        return new JumpStats(sorted.length, mean, sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)],
                sorted[sorted.length - 1], bins);
    }

    static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    static ExperimentAnalysis experiment() {
        return new ExperimentAnalysis(List.of(
                new VariationSummary("rates 1/1/1", List.of("r1", "r2", "r3"), new Estimate(3, 1.4, 1.2, 1.6), new Estimate(3, 3, 2, 4),
                        new Estimate(3, 0.01, -0.02, 0.04), new Estimate(3, 4, 1, 7)),
                new VariationSummary("rates 1/3/6", List.of("r4", "r5", "r6"), new Estimate(3, 3.9, 3.1, 4.7), new Estimate(3, 11, 9, 13),
                        new Estimate(3, 0.45, 0.3, 0.6), new Estimate(3, 180, 150, 210)),
                new VariationSummary("rates 1/6/6, range 4", List.of("r7"), new Estimate(1, 5.2, 5.2, 5.2), new Estimate(1, 14, 14, 14),
                        new Estimate(1, 1.1, 1.1, 1.1), new Estimate(1, 320, 320, 320))));
    }

    static RunAnalysis emptyAnalysis(String runId) {
        return new RunAnalysis(runId, null, null, 0, 10, 0, List.of(), new RunSeries(Map.of(), Map.of(), Map.of()),
                RunChecker.check(Map.of()));
    }
}
