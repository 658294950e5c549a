package io.clocklab.core.analysis;

import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunAnalyzerTest {

    private static final Instant T0 = VirtualRuns.START;

    private static Instant at(double seconds) {
        return T0.plusNanos((long) (seconds * 1e9));
    }

    /**
     * a (rate 2) sends to b at 0 s and 0.5 s, then idles; b (rate 1) is idle at 0 s and receives the
     * two messages at 1 s and 2 s. Clocks: a 1, 2, 3; b 1, max(1,1)+1 = 2, max(2,2)+1 = 3.
     */
    private static RunData handMade() {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        events.put("a", List.of(
                Event.send(1, "a", at(0), 1, 0, List.of("b"), "a-1"),
                Event.send(2, "a", at(0.5), 2, 0, List.of("b"), "a-2"),
                Event.internal(3, "a", at(1.0), 3, 0)));
        events.put("b", List.of(
                Event.internal(1, "b", at(0), 1, 1),
                Event.receive(2, "b", at(1), 2, 1, new Message("r", "a", "a-1", 1)),
                Event.receive(3, "b", at(2), 3, 0, new Message("r", "a", "a-2", 2))));
        return new RunData("hand", rates("a", 2, "b", 1), 10, true, events);
    }

    @Test
    void countsAndRatesOfEachVm() {
        RunAnalysis analysis = RunAnalyzer.analyze(handMade());

        assertThat(analysis.events()).isEqualTo(6);
        assertThat(analysis.durationSeconds()).isEqualTo(2.0);
        assertThat(analysis.start()).isEqualTo(T0);
        assertThat(analysis.vms()).extracting(VmAnalysis::vm).containsExactly("a", "b");
        VmAnalysis a = analysis.vms().get(0);
        assertThat(a.clockRate()).isEqualTo(2);
        assertThat(a.measuredRate()).isEqualTo(2.0); // 3 events, 2 intervals, over 1 s
        assertThat(List.of(a.events(), a.sends(), a.receives(), a.internals(), a.finalClock())).containsExactly(3L, 2L, 0L, 1L, 3L);
        assertThat(analysis.vms().get(1).measuredRate()).isEqualTo(1.0);
    }

    @Test
    void messagesAreCountedPerRecipient() {
        RunAnalysis analysis = RunAnalyzer.analyze(handMade());

        assertThat(analysis.vms().get(0).messages()).isEqualTo(new MessageCounts(2, 0, 0, 0));
        assertThat(analysis.vms().get(1).messages()).isEqualTo(new MessageCounts(0, 2, 2, 0));
    }

    @Test
    void aSendToEveryPeerCountsOncePerRecipient() {
        RunData run = VirtualRuns.of(rates("vm1", 3, "vm2", 3, "vm3", 3), 3, 1).run(20);
        long sendsToBoth = run.eventsByVm().get("vm1").stream().filter(e -> e.to() != null && e.to().size() == 2).count();
        long sendsToOne = run.eventsByVm().get("vm1").stream().filter(e -> e.to() != null && e.to().size() == 1).count();

        VmAnalysis vm1 = RunAnalyzer.analyze(run).vms().get(0);

        assertThat(sendsToBoth).isPositive();
        assertThat(vm1.messages().sent()).isEqualTo(sendsToOne + 2 * sendsToBoth);
    }

    @Test
    void jumpsOfTheHandMadeRun() {
        JumpStats jumps = RunAnalyzer.analyze(handMade()).vms().get(1).jumps();

        assertThat(jumps.count()).isEqualTo(2);
        assertThat(jumps.mean()).isEqualTo(1.0);
        assertThat(jumps.max()).isEqualTo(1);
        assertThat(jumps.histogram()).containsExactly(new HistogramBin(1, 1, 2));
        assertThat(RunAnalyzer.analyze(handMade()).vms().get(0).jumps()).isEqualTo(new JumpStats(0, 0, 0, 0, 0, List.of()));
    }

    @Test
    void jumpPercentilesUseTheNearestRank() {
        // jumps 1..20 at one VM: p50 is the 10th value, p95 the 19th
        Map<String, List<Event>> events = new LinkedHashMap<>();
        List<Event> log = new java.util.ArrayList<>();
        long clock = 0;
        for (int jump = 1; jump <= 20; jump++) {
            clock += jump;
            log.add(Event.receive(jump, "b", at(jump), clock, 0, new Message("r", "a", "a-" + jump, clock - 1)));
        }
        events.put("b", log);
        JumpStats jumps = RunAnalyzer.analyze(new RunData("r", rates("b", 1), 10, false, events)).vms().get(0).jumps();

        assertThat(jumps.p50()).isEqualTo(10);
        assertThat(jumps.p95()).isEqualTo(19);
        assertThat(jumps.max()).isEqualTo(20);
        assertThat(jumps.mean()).isEqualTo(10.5);
        assertThat(jumps.histogram()).hasSize(20).allSatisfy(bin -> assertThat(bin.count()).isEqualTo(1));
    }

    @Test
    void driftIsTheGapToTheLeadingClock() {
        // at 0 s: a 1, b 1; 0.5 s: a 2; 1 s: a 3, b 2; 2 s: b 3 -> b's gaps 0, 1, 1, 0; a's gaps all 0
        RunAnalysis analysis = RunAnalyzer.analyze(handMade());

        assertThat(analysis.series().drift().get("b")).extracting(Point::value).containsExactly(0.0, 1.0, 1.0, 0.0);
        assertThat(analysis.vms().get(1).drift().maxGap()).isEqualTo(1);
        assertThat(analysis.vms().get(1).drift().finalGap()).isZero();
        assertThat(analysis.vms().get(0).drift()).isEqualTo(new DriftStats(0, 0, 0));
    }

    @Test
    void aSlowVmDriftsBehindAtAboutTheRateDifference() {
        // with nothing sent (range 1 and a lone peer would always send), use a huge range: almost only internal events
        RunData run = VirtualRuns.of(rates("slow", 1, "fast", 5), 1000, 3).run(60);
        VmAnalysis slow = RunAnalyzer.analyze(run).vms().get(0);

        assertThat(slow.drift().slopePerSecond()).isCloseTo(4.0, within(0.5));
        assertThat(slow.drift().finalGap()).isGreaterThan(150);
    }

    @Test
    void queueStatsFollowTheLoggedQueueLengths() {
        QueueStats queue = RunAnalyzer.analyze(handMade()).vms().get(1).queue();

        assertThat(queue.max()).isEqualTo(1);
        assertThat(queue.mean()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(queue.growthPerSecond()).isCloseTo(-0.5, within(1e-12)); // (0,1) (1,1) (2,0)
        assertThat(queue.predictedGrowthPerSecond()).isEqualTo(QueueModel.predictedGrowth(rates("a", 2, "b", 1), 10).get("b"));
    }

    @Test
    void seriesAreInSecondsFromTheFirstEvent() {
        RunSeries series = RunAnalyzer.analyze(handMade()).series();

        assertThat(series.clocks().get("b")).containsExactly(new Point(0, 1), new Point(1, 2), new Point(2, 3));
        assertThat(series.queues().get("a")).extracting(Point::seconds).containsExactly(0.0, 0.5, 1.0);
        assertThat(series.clocks().keySet()).containsExactly("a", "b");
    }

    @Test
    void longSeriesAreThinnedKeepingEndsAndPeaks() {
        RunData run = VirtualRuns.of(rates("vm1", 1, "vm2", 60, "vm3", 60), 10, 2).run(60);
        RunAnalysis analysis = RunAnalyzer.analyze(run);
        List<Event> vm2 = run.eventsByVm().get("vm2");

        List<Point> clocks = analysis.series().clocks().get("vm2");
        assertThat(vm2).hasSizeGreaterThan(3000);
        assertThat(clocks).hasSizeLessThanOrEqualTo(1000);
        assertThat(clocks.get(0).value()).isEqualTo(vm2.get(0).logicalClock());
        assertThat(clocks.get(clocks.size() - 1).value()).isEqualTo(vm2.get(vm2.size() - 1).logicalClock());
        List<Point> queue = analysis.series().queues().get("vm2");
        assertThat(queue).hasSizeLessThanOrEqualTo(1000);
        assertThat(queue.stream().mapToDouble(Point::value).max().orElseThrow()).isEqualTo(analysis.vms().get(1).queue().max());
        assertThat(analysis.series().drift().get("vm1")).hasSizeLessThanOrEqualTo(1000);
        assertThat(analysis.series().drift().get("vm1").stream().mapToDouble(Point::value).max().orElseThrow())
                .isEqualTo(analysis.vms().get(0).drift().maxGap());
    }

    @Test
    void theVerdictIsTheCheckersOnTheSameRun() {
        RunData run = VirtualRuns.of(rates("vm1", 1, "vm2", 6, "vm3", 6), 10, 4).withJitter().run(30);

        assertThat(RunAnalyzer.analyze(run).verdict()).isEqualTo(io.clocklab.core.check.RunChecker.check(run));
        assertThat(RunAnalyzer.analyze(run).verdict().passed()).isTrue();
    }

    @Test
    void anEmptyRunHasZeroesAndNoTimes() {
        RunData empty = new RunData("empty", rates("vm1", 1, "vm2", 2), 10, true, Map.of());

        RunAnalysis analysis = RunAnalyzer.analyze(empty);

        assertThat(analysis.start()).isNull();
        assertThat(analysis.end()).isNull();
        assertThat(analysis.durationSeconds()).isZero();
        assertThat(analysis.events()).isZero();
        assertThat(analysis.vms()).extracting(VmAnalysis::events).containsExactly(0L, 0L);
        assertThat(analysis.series().clocks().get("vm1")).isEmpty();
        assertThat(analysis.verdict().passed()).isTrue();
    }

    @Test
    void aVmWithEventsButNoRateIsReportedWithRateZero() {
        RunData run = handMade();
        RunData withoutA = new RunData(run.runId(), rates("b", 1), 10, true, run.eventsByVm());

        RunAnalysis analysis = RunAnalyzer.analyze(withoutA);

        assertThat(analysis.vms()).extracting(VmAnalysis::vm).containsExactly("b", "a");
        assertThat(analysis.vms().get(1).clockRate()).isZero();
        assertThat(analysis.vms().get(1).queue().predictedGrowthPerSecond()).isZero();
        assertThat(analysis.vms().get(1).events()).isEqualTo(3);
    }

    @Test
    void aVmWithARateButNoEventsHasZeroStatistics() {
        RunData run = handMade();
        Map<String, Integer> threeRates = rates("a", 2, "b", 1);
        threeRates.put("c", 4);

        VmAnalysis c = RunAnalyzer.analyze(new RunData(run.runId(), threeRates, 10, true, run.eventsByVm())).vms().get(2);

        assertThat(c.vm()).isEqualTo("c");
        assertThat(c.events()).isZero();
        assertThat(c.measuredRate()).isZero();
        assertThat(c.drift().finalGap()).isEqualTo(3); // its clock stays 0 while a and b reach 3
    }

    @Test
    void theSameDataGivesTheSameAnalysis() {
        RunData run = VirtualRuns.of(rates("vm1", 2, "vm2", 3), 10, 9).withJitter().run(20);

        assertThat(RunAnalyzer.analyze(run)).isEqualTo(RunAnalyzer.analyze(run));
    }

    @Test
    void aFileBackedRunGivesTheSameAnalysisAsTheSameRunInMemory(@TempDir Path dir) throws IOException {
        SimulationSpec spec = new SimulationSpec("sim-files", rates("vm1", 1, "vm2", 6, "vm3", 6), 10, 5, Duration.ofSeconds(300),
                NetworkDelay.fixed(Duration.ofMillis(1)), SimulationSpec.DEFAULT_START);
        RunData inMemory = Simulator.run(spec);
        EventLogFiles.write(dir, inMemory.eventsByVm());
        RunData fromFiles = new RunData(inMemory.runId(), inMemory.clockRates(), inMemory.randomRange(), true,
                EventLogFiles.open(List.of(dir)), List.of(), null);
        AnalysisLimits small = new AnalysisLimits(1000, 10, 100, null);

        assertThat(RunAnalyzer.analyze(fromFiles)).isEqualTo(RunAnalyzer.analyze(inMemory));
        assertThat(RunAnalyzer.analyze(fromFiles, small)).isEqualTo(RunAnalyzer.analyze(inMemory, small));
        assertThat(RunAnalyzer.analyze(inMemory).series().clocks().get("vm2")).hasSize(1000);
    }

    @Test
    void theStatisticsStreamTheLogsAndNeverHoldThemAll() {
        RunData run = VirtualRuns.of(rates("vm1", 1, "vm2", 6, "vm3", 6), 10, 6).withJitter().run(60);
        RunEvents logs = run.events();
        RunEvents streamOnly = new RunEvents() {
            @Override
            public List<String> vms() {
                return logs.vms();
            }

            @Override
            public EventCursor open(String vm) {
                return logs.open(vm);
            }

            @Override
            public long count(String vm) {
                return logs.count(vm);
            }

            @Override
            public Map<String, List<Event>> toMap() {
                throw new AssertionError("the analysis must stream the logs, not hold them all");
            }
        };
        RunData streamed = new RunData(run.runId(), run.clockRates(), run.randomRange(), true, streamOnly, List.of(), null);

        RunAnalysis statistics = RunAnalyzer.statistics(streamed, AnalysisLimits.DEFAULT);

        RunAnalysis full = RunAnalyzer.analyze(run);
        assertThat(statistics.vms()).isEqualTo(full.vms());
        assertThat(statistics.series()).isEqualTo(full.series());
        assertThat(statistics.events()).isEqualTo(full.events());
        assertThat(List.of(statistics.start(), statistics.end())).isEqualTo(List.of(full.start(), full.end()));
    }

    @Test
    void jumpsAreExactUpToTheCapAndSampledBeyondIt() {
        // vm1 at rate 2 receives from two fast peers: a few hundred jumps in 5 minutes
        RunData run = VirtualRuns.of(rates("vm1", 2, "vm2", 6, "vm3", 6), 10, 8).run(300);
        AnalysisLimits exact = new AnalysisLimits(1000, 10, 100_000, null);
        AnalysisLimits capped = new AnalysisLimits(1000, 10, 100, null);

        JumpStats all = RunAnalyzer.analyze(run, exact).vms().get(0).jumps();
        JumpStats sampled = RunAnalyzer.analyze(run, capped).vms().get(0).jumps();

        assertThat(all.count()).isGreaterThan(300);
        assertThat(all.sampled()).isFalse();
        assertThat(all.sampleSize()).isEqualTo(all.count());
        assertThat(all).isEqualTo(RunAnalyzer.analyze(run).vms().get(0).jumps());
        assertThat(sampled.sampled()).isTrue();
        assertThat(sampled.sampleSize()).isEqualTo(100);
        assertThat(List.of(sampled.count(), sampled.max())).isEqualTo(List.of(all.count(), all.max()));
        assertThat(sampled.mean()).isEqualTo(all.mean());
        assertThat(sampled.histogram().stream().mapToLong(HistogramBin::count).sum()).isEqualTo(100);
        assertThat(sampled.histogram()).extracting(HistogramBin::from).isEqualTo(all.histogram().stream().map(HistogramBin::from).toList());
        // the same run, the same sample; the run id seeds it
        assertThat(RunAnalyzer.analyze(run, capped)).isEqualTo(RunAnalyzer.analyze(run, capped));
        RunData renamed = new RunData("another-run", run.clockRates(), run.randomRange(), run.finished(), run.events(), List.of(), null);
        assertThat(RunAnalyzer.analyze(renamed, capped).vms().get(0).jumps().histogram()).isNotEqualTo(sampled.histogram());
    }

    static Map<String, Integer> rates(Object... vmAndRate) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < vmAndRate.length; i += 2) {
            rates.put((String) vmAndRate[i], (Integer) vmAndRate[i + 1]);
        }
        return rates;
    }
}
