package io.clocklab.core.analysis;

import io.clocklab.core.check.RunChecker;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.RateAssignment;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The tests the original exercise's lab notebook asked for (see docs/analysis.md, "What the
 * notebook observed, checked"), run over many seeds in the deterministic simulator. Seeds are
 * fixed, so a failure replays exactly. Every tolerance is derived from the spread across seeds
 * that these very seeds show (numbers in the comments: mean ± sample standard deviation over the
 * 40 runs), or from an exact property of the simulator's tick grid.
 *
 * <p>Two facts of the simulator shape what can be asserted. Its ticks have no jitter, so VMs with
 * the same rate tick at the very same instants (lockstep); {@link VirtualRuns#withJitter()} moves
 * each tick by up to a whole period, the roughest a live VM may be, and is used where lockstep
 * would make a claim trivially exact. And a 60 s run of 1/6/6 is about 800 events, so 40 seeds of
 * a configuration take some tens of milliseconds.
 */
class NotebookTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final int SEED_COUNT = 40;
    private static final Map<String, Integer> ONE_SIX_SIX = rates(1, 6, 6);

    private static Map<String, Integer> rates(int vm1, int vm2, int vm3) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", vm1);
        rates.put("vm2", vm2);
        rates.put("vm3", vm3);
        return rates;
    }

    /** Seeds {@code first .. first + SEED_COUNT - 1}: each test has its own block, so the tests do not share luck. */
    private static long[] seeds(long first) {
        return LongStream.range(first, first + SEED_COUNT).toArray();
    }

    private static SimulationSpec spec(Map<String, Integer> rates, int randomRange, long seed) {
        return new SimulationSpec("notebook-" + seed, rates, randomRange, seed, MINUTE, NetworkDelay.DEFAULT,
                SimulationSpec.DEFAULT_START);
    }

    /** Three VMs with rates drawn uniformly from [min, max], the draw fixed by the seed as well. */
    private static Map<String, Integer> randomRates(int min, int max, long seed) {
        return RateAssignment.assign(List.of("vm1", "vm2", "vm3"), Map.of(), min, max, new SplittableRandom(seed));
    }

    private static List<RunAnalysis> analyses(long[] seeds, LongFunction<RunData> run) {
        List<RunAnalysis> analyses = new ArrayList<>();
        for (long seed : seeds) {
            analyses.add(RunAnalyzer.analyze(run.apply(seed)));
        }
        return analyses;
    }

    private static List<RunAnalysis> simulated(Map<String, Integer> rates, int randomRange, long[] seeds) {
        return analyses(seeds, seed -> Simulator.run(spec(rates, randomRange, seed)));
    }

    private static VmAnalysis vm(RunAnalysis run, String vm) {
        return run.vms().stream().filter(analysis -> analysis.vm().equals(vm)).findFirst().orElseThrow();
    }

    /** The 95 % interval of the mean over runs of one VM's statistic. */
    private static Estimate estimate(List<RunAnalysis> runs, String vm, ToDoubleFunction<VmAnalysis> statistic) {
        return ConfidenceInterval.of(runs.stream().mapToDouble(run -> statistic.applyAsDouble(vm(run, vm))).toArray());
    }

    /** Every receive jump of every VM of every run, pooled. */
    private static long[] jumps(List<RunData> runs) {
        return runs.stream().flatMap(run -> run.eventsByVm().values().stream()).flatMapToLong(events -> {
            LongStream.Builder jumps = LongStream.builder();
            long previous = 0;
            for (Event event : events) {
                if (event.type() == EventType.RECEIVE) {
                    jumps.add(event.logicalClock() - previous);
                }
                previous = event.logicalClock();
            }
            return jumps.build();
        }).toArray();
    }

    // ---- 1. clocks and the checker ---------------------------------------------------------------

    /** Fixed rate settings, the notebook's 1..6 range drawn at random, and a heavy backlog (randomRange 4). */
    static Stream<Arguments> configurations() {
        LongFunction<SimulationSpec> randomOneToSix = seed -> spec(randomRates(1, 6, seed), 10, seed);
        return Stream.of(
                Arguments.of("1/6/6", (LongFunction<SimulationSpec>) seed -> spec(ONE_SIX_SIX, 10, seed)),
                Arguments.of("1/6/6, randomRange 4", (LongFunction<SimulationSpec>) seed -> spec(ONE_SIX_SIX, 4, seed)),
                Arguments.of("3/4/4", (LongFunction<SimulationSpec>) seed -> spec(rates(3, 4, 4), 10, seed)),
                Arguments.of("6/6/6", (LongFunction<SimulationSpec>) seed -> spec(rates(6, 6, 6), 10, seed)),
                Arguments.of("random rates in [1, 6]", randomOneToSix));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void clocksNeverDecreaseAndEachVmEndsAtLeastAtItsEventCount(String label, LongFunction<SimulationSpec> specFor) {
        for (long seed : seeds(100)) {
            Simulator.run(specFor.apply(seed)).eventsByVm().forEach((vm, events) -> {
                long previous = 0;
                for (Event event : events) {
                    assertThat(event.logicalClock()).as("%s seed %d %s#%d", label, seed, vm, event.seq()).isGreaterThanOrEqualTo(previous);
                    previous = event.logicalClock();
                }
                // every event adds at least 1 to the clock, so the clock is at least the event count
                assertThat(previous).as("%s seed %d: %s's final clock", label, seed, vm).isGreaterThanOrEqualTo(events.size());
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everySimulatedRunPassesTheFullChecker(String label, LongFunction<SimulationSpec> specFor) {
        for (long seed : seeds(200)) {
            RunData run = Simulator.run(specFor.apply(seed));
            // finished with known rates: so CONSERVATION and RATE_LIMIT are checked too, not skipped
            assertThat(run.finished()).isTrue();
            assertThat(run.clockRates()).allSatisfy((vm, rate) -> assertThat(rate).isPositive());
            assertThat(RunChecker.check(run).violations()).as("%s seed %d", label, seed).isEmpty();
        }
    }

    // ---- 2. the slow VM backs up ----------------------------------------------------------------

    @Test
    void theSlowVmsQueueGrowsAtTheQueueModelsSlope() {
        double predicted = QueueModel.predictedGrowth(ONE_SIX_SIX, 10).get("vm1");
        assertThat(predicted).isCloseTo(1.0, within(1e-9));

        Estimate growth = estimate(simulated(ONE_SIX_SIX, 10, seeds(300)), "vm1", vm -> vm.queue().growthPerSecond());

        // Measured 1.01 ± 0.15 msg/s per 60 s run (seeds 300..339; 1.03 ± 0.16 on two other blocks),
        // so the 95 % interval of the mean is about ± 0.05 wide. Asking the whole interval to lie
        // within ± 0.15 of the model (15 %) fails for a model bias beyond about 0.1 msg/s, and for
        // the slope of any neighbouring setting
        // (randomRange 5: 2.43, randomRange 20: 0.09), while the model's fluid approximation and the
        // run's start (an empty queue) leave room to be a few hundredths off.
        assertThat(growth.low()).as("%s", growth).isGreaterThanOrEqualTo(predicted - 0.15);
        assertThat(growth.high()).as("%s", growth).isLessThanOrEqualTo(predicted + 0.15);
    }

    @Test
    void theBackedUpSlowVmEndsBehindBothFastVmsInEverySeed() {
        // No exceptions allowed: over these seeds the slow VM ends 139 to 205 ticks (mean 174) behind
        // the slower of the fast VMs, with 36 to 71 messages still queued. Ending ahead would need its
        // queue to drain, which at +1 msg/s of growth and ± 0.16 spread does not happen in a minute.
        for (RunAnalysis run : simulated(ONE_SIX_SIX, 10, seeds(400))) {
            VmAnalysis slow = vm(run, "vm1");
            assertThat(slow.messages().queued()).as("%s: vm1 still backed up", run.runId()).isPositive();
            assertThat(slow.finalClock()).as(run.runId())
                    .isLessThan(Math.min(vm(run, "vm2").finalClock(), vm(run, "vm3").finalClock()));
        }
    }

    // ---- 3. fast VMs' jumps are small -------------------------------------------------------------

    @Test
    void inTheSimulatorEveryJumpOfAFastVmIsOne() {
        // Exact, not statistical: vm2 and vm3 tick at the same instants, so before their k-th tick
        // both clocks are k - 1 (induction: a message from the other carries a clock <= k - 1, one
        // from the slow vm1 is further behind), and each receive moves the clock by exactly 1.
        for (RunAnalysis run : simulated(ONE_SIX_SIX, 10, seeds(500))) {
            for (String fast : List.of("vm2", "vm3")) {
                assertThat(vm(run, fast).jumps().count()).as("%s %s received", run.runId(), fast).isPositive();
                assertThat(vm(run, fast).jumps().max()).as("%s %s", run.runId(), fast).isEqualTo(1);
            }
        }
    }

    @Test
    void withTickJitterAFastVmsJumpsStillAverageWellBelowTwo() {
        // Jitter of up to a whole period breaks the lockstep: a peer at the same rate can be a tick
        // or two ahead. Measured 1.63 ± 0.09 per run (vm2 of 1/6/6, seeds 600..639), so the 95 %
        // interval of the mean is 1.61..1.66. Below 2 means a typical fast jump is one or two
        // ticks, nothing like the slow VM's (mean 3.0, p95 8.5 at the same setting). A bound of 1.5
        // holds in the lockstep simulator (exactly 1) but not with jitter.
        Estimate mean = estimate(analyses(seeds(600), seed -> VirtualRuns.of(ONE_SIX_SIX, 10, seed).withJitter().run(60)),
                "vm2", vm -> vm.jumps().mean());
        assertThat(mean.low()).as("%s", mean).isGreaterThanOrEqualTo(1.0);
        assertThat(mean.high()).as("%s", mean).isLessThan(2.0);
    }

    // ---- 4. equal rates end together --------------------------------------------------------------

    @Test
    void inTheSimulatorEqualRatesEndOnTheSameClock() {
        // Exact, for the lockstep reason above: at 4/4/4 every VM's clock after k ticks is k.
        for (RunAnalysis run : simulated(rates(4, 4, 4), 10, seeds(700))) {
            assertThat(run.vms()).as(run.runId()).allSatisfy(vm -> assertThat(vm.finalClock()).isEqualTo(240));
        }
    }

    @Test
    void withTickJitterEqualRatesEndWithinTwoPercentOfEachOther() {
        // (max - min) / mean of the final clocks: 0.004 ± 0.002 per run at 4/4/4 with jitter (largest
        // 0.011, under 3 ticks of 240), against 0.60 ± 0.07 for 1/6/6. 0.02 (5 ticks) is twice the
        // largest seen and thirty times below the unequal setting, so it still tells them apart.
        for (RunAnalysis run : analyses(seeds(800), seed -> VirtualRuns.of(rates(4, 4, 4), 10, seed).withJitter().run(60))) {
            long max = run.vms().stream().mapToLong(VmAnalysis::finalClock).max().orElseThrow();
            long min = run.vms().stream().mapToLong(VmAnalysis::finalClock).min().orElseThrow();
            double mean = run.vms().stream().mapToLong(VmAnalysis::finalClock).average().orElseThrow();
            assertThat((max - min) / mean).as("final clocks %d..%d", min, max).isLessThanOrEqualTo(0.02);
        }
    }

    // ---- 5. what the notebook saw: internal events and rate spread --------------------------------
    // Directions are asserted with non-overlapping 95 % intervals of the mean over 40 seeds each.

    @Test
    void moreInternalEventsMakeTheSlowVmsJumpsLarger() {
        // The notebook: fewer internal events, less jumpy lines. Agreed: fewer sends mean each
        // message the slow VM reads carries a bigger step of the fast clocks. vm1 at 1/6/6:
        // randomRange 10 / 20 / 40 gives mean jump 3.0 / 5.5 / 10.2 and p95 8.5 / 15.7 / 27.9
        // (seeds 900..939; intervals of the mean 2.93..3.14, 5.30..5.70, 9.59..10.77).
        List<RunAnalysis> frequent = simulated(ONE_SIX_SIX, 10, seeds(900));
        List<RunAnalysis> fewer = simulated(ONE_SIX_SIX, 20, seeds(900));
        List<RunAnalysis> rare = simulated(ONE_SIX_SIX, 40, seeds(900));
        assertIncreasing(estimate(frequent, "vm1", vm -> vm.jumps().mean()), estimate(fewer, "vm1", vm -> vm.jumps().mean()),
                estimate(rare, "vm1", vm -> vm.jumps().mean()));
        assertIncreasing(estimate(frequent, "vm1", vm -> vm.jumps().p95()), estimate(fewer, "vm1", vm -> vm.jumps().p95()),
                estimate(rare, "vm1", vm -> vm.jumps().p95()));
    }

    @Test
    void butWhileTheSlowVmBacksUpMoreSendsMakeItDriftFurtherBehind() {
        // Not what the notebook's explanation ("more consistent communication") suggests: at 1/6/6
        // vm1 backs up whenever randomRange < 22 (the model: arrivals 12p/(1+p) with p = 2/randomRange
        // exceed 1/s), and then reads ever staler messages. Final gap: randomRange 10 / 20 / 40 gives
        // 186 ± 19 / 55 ± 30 / 15 ± 10 ticks (seeds 1000..1039), drift slope 3.0 / 0.75 / 0.06
        // per second.
        List<RunAnalysis> frequent = simulated(ONE_SIX_SIX, 10, seeds(1000));
        List<RunAnalysis> fewer = simulated(ONE_SIX_SIX, 20, seeds(1000));
        List<RunAnalysis> rare = simulated(ONE_SIX_SIX, 40, seeds(1000));
        assertIncreasing(estimate(rare, "vm1", vm -> vm.drift().finalGap()), estimate(fewer, "vm1", vm -> vm.drift().finalGap()),
                estimate(frequent, "vm1", vm -> vm.drift().finalGap()));
    }

    @Test
    void whileNoVmBacksUpMoreInternalEventsLetTheSlowVmFallFurtherBehind() {
        // Where nobody backs up (3/4/4) the notebook's direction holds for drift too. The slow VM's
        // largest gap behind the leader is 4.5 ± 0.9 ticks at randomRange 10 and 10.4 ± 2.9 at 40
        // (seeds 1100..1139), its mean jump 1.86 vs 3.83. The largest gap, not the final one: the
        // final gap is a tick or two either way (0.9 ± 0.7 vs 2.1 ± 1.5) and its intervals overlapped
        // in one of eight seed blocks tried, while the largest gap's were far apart in all eight.
        List<RunAnalysis> frequent = simulated(rates(3, 4, 4), 10, seeds(1100));
        List<RunAnalysis> rare = simulated(rates(3, 4, 4), 40, seeds(1100));
        assertIncreasing(estimate(frequent, "vm1", vm -> vm.drift().maxGap()), estimate(rare, "vm1", vm -> vm.drift().maxGap()));
        assertIncreasing(estimate(frequent, "vm1", vm -> vm.jumps().mean()), estimate(rare, "vm1", vm -> vm.jumps().mean()));
    }

    @Test
    void aNarrowerRateRangeGivesSmallerJumpsAndCloserClocks() {
        // The notebook: "less variance in the rates, the lines are much closer". Agreed. Rates drawn
        // from [3, 4] vs [1, 6] per seed (seeds 1200..1239): run mean jump 1.49 vs 2.44, largest p95 jump 3.8 vs
        // 7.7, largest final drift 1.5 vs 33 (interval 17..49: some [1, 6] draws are nearly equal).
        VariationSummary narrow = ExperimentAnalyzer.summarize("[3, 4]",
                analyses(seeds(1200), seed -> Simulator.run(spec(randomRates(3, 4, seed), 10, seed))));
        VariationSummary wide = ExperimentAnalyzer.summarize("[1, 6]",
                analyses(seeds(1200), seed -> Simulator.run(spec(randomRates(1, 6, seed), 10, seed))));
        assertIncreasing(narrow.meanJump(), wide.meanJump());
        assertIncreasing(narrow.p95Jump(), wide.p95Jump());
        assertIncreasing(narrow.maxFinalDrift(), wide.maxFinalDrift());
    }

    /** Each interval lies wholly below the next: the means differ in that direction at (better than) 95 %. */
    private static void assertIncreasing(Estimate... estimates) {
        for (int i = 1; i < estimates.length; i++) {
            assertThat(estimates[i - 1].high()).as("%s below %s", estimates[i - 1], estimates[i]).isLessThan(estimates[i].low());
        }
    }

    // ---- the simulator's own setting ---------------------------------------------------------------

    @Test
    void theNetworkDelaySettingDoesNotChangeTheJumpSizes() {
        // 1/6/6 with delays of 0.5-1.5 ms vs 20-30 ms, jumps pooled over all VMs of 40 seeds (about
        // 7 130 each). KS at alpha 0.001 (critical D about 0.033). Both delays are far below the
        // 1/6 s between any send and its recipient's next tick, so every message is read at the same
        // tick either way (the statistic is in fact 0). Pooling jumps within a run ignores their
        // correlation, which only matters for a borderline D; 100-300 ms still gives D = 0.010.
        NetworkDelay slow = NetworkDelay.between(Duration.ofMillis(20), Duration.ofMillis(30));
        List<RunData> usual = new ArrayList<>();
        List<RunData> slower = new ArrayList<>();
        for (long seed : seeds(1300)) {
            usual.add(Simulator.run(spec(ONE_SIX_SIX, 10, seed)));
            slower.add(Simulator.run(spec(ONE_SIX_SIX, 10, seed).withNetworkDelay(slow)));
        }
        long[] a = jumps(usual);
        long[] b = jumps(slower);
        assertThat(TwoSampleKs.statistic(a, b)).isLessThanOrEqualTo(TwoSampleKs.criticalValue(a.length, b.length, 0.001));
    }
}
