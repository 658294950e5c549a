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
import io.clocklab.core.analysis.RunAnalyzer;
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
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunMode;
import io.clocklab.core.testing.VirtualRuns;

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
 * Test data for the report: honest runs from clock-core's {@link VirtualRuns} (seeded, so every run
 * is replayable), their analysis by clock-core's analyzer, and records for what a run does not give.
 */
final class ReportFixtures {

    static final Instant START = VirtualRuns.START;
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

    /**
     * An honest run of about {@code totalEvents} events, from clock-core's one way to build a test
     * run ({@link VirtualRuns}: real machines on their tick schedules in virtual time).
     */
    static Map<String, List<Event>> simulate(long seed, Map<String, Integer> rates, int randomRange, int totalEvents) {
        double eventsPerSecond = rates.values().stream().mapToInt(Integer::intValue).sum();
        return VirtualRuns.of(rates, randomRange, seed).run(totalEvents / eventsPerSecond).eventsByVm();
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

    /** The run's analysis, by clock-core's analyzer. */
    static RunAnalysis analyse(String runId, Map<String, List<Event>> events, Map<String, Integer> rates, int randomRange) {
        return RunAnalyzer.analyze(new RunData(runId, rates, randomRange, true, events));
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
