package io.clocklab.core.analysis;

import io.clocklab.core.check.CheckReport;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ExperimentAnalyzerTest {

    private static VmAnalysis vm(String name, long receives, double meanJump, double p95, double queueGrowth, long finalGap) {
        return new VmAnalysis(name, 1, 1, receives, 0, receives, 0, 0,
                new JumpStats(receives, meanJump, meanJump, p95, (long) p95, List.of()),
                new DriftStats(finalGap, finalGap, 0), new QueueStats(0, 0, queueGrowth, 0), new MessageCounts(0, 0, receives, 0));
    }

    private static RunAnalysis run(String id, VmAnalysis... vms) {
        return new RunAnalysis(id, null, null, 0, 10, 0, List.of(vms), new RunSeries(Map.of(), Map.of(), Map.of()),
                new CheckReport(0, List.of()));
    }

    @Test
    void eachRunGivesOneValuePerStatistic() {
        RunAnalysis first = run("r1", vm("vm1", 10, 2.0, 5, 1.0, 30), vm("vm2", 30, 6.0, 9, -0.1, 0));
        RunAnalysis second = run("r2", vm("vm1", 20, 3.0, 7, 0.5, 10), vm("vm2", 20, 3.0, 4, 0.0, 50));

        VariationSummary summary = ExperimentAnalyzer.summarize("1/6/6", List.of(first, second));

        assertThat(summary.label()).isEqualTo("1/6/6");
        assertThat(summary.runIds()).containsExactly("r1", "r2");
        // mean jump weighs VMs by receives: (10*2 + 30*6) / 40 = 5, (20*3 + 20*3) / 40 = 3
        assertThat(summary.meanJump().mean()).isCloseTo(4.0, within(1e-12));
        assertThat(summary.p95Jump().mean()).isCloseTo(8.0, within(1e-12)); // max(5, 9), max(7, 4)
        assertThat(summary.maxQueueGrowth().mean()).isCloseTo(0.75, within(1e-12));
        assertThat(summary.maxFinalDrift().mean()).isCloseTo(40.0, within(1e-12));
        assertThat(summary.maxFinalDrift()).isEqualTo(ConfidenceInterval.of(30, 50));
    }

    @Test
    void aRunWithoutReceivesHasMeanJumpZero() {
        VariationSummary summary = ExperimentAnalyzer.summarize("quiet", List.of(run("r", vm("vm1", 0, 0, 0, 0, 0))));

        assertThat(summary.meanJump()).isEqualTo(new Estimate(1, 0, 0, 0));
    }

    @Test
    void variationsKeepTheirOrder() {
        LinkedHashMap<String, List<RunAnalysis>> runs = new LinkedHashMap<>();
        runs.put("z", List.of(run("a", vm("vm1", 1, 1, 1, 0, 0))));
        runs.put("a", List.of(run("b", vm("vm1", 1, 1, 1, 0, 0))));

        assertThat(ExperimentAnalyzer.analyze(runs).variations()).extracting(VariationSummary::label).containsExactly("z", "a");
    }

    @Test
    void aVariationWithoutRunsIsAClearError() {
        assertThatIllegalArgumentException().isThrownBy(() -> ExperimentAnalyzer.summarize("empty", List.of()))
                .withMessageContaining("'empty' has no runs");
    }

    @Test
    void worksOnRealAnalyses() {
        List<RunAnalysis> runs = List.of(1L, 2L, 3L).stream()
                .map(seed -> RunAnalyzer.analyze(VirtualRuns.of(RunAnalyzerTest.rates("vm1", 1, "vm2", 6, "vm3", 6), 10, seed).run(120)))
                .toList();

        VariationSummary summary = ExperimentAnalyzer.summarize("1/6/6", runs);

        assertThat(summary.maxQueueGrowth().n()).isEqualTo(3);
        assertThat(summary.maxQueueGrowth().low()).isLessThanOrEqualTo(summary.maxQueueGrowth().mean());
        assertThat(summary.maxQueueGrowth().mean()).isCloseTo(1.0, within(0.3));
    }
}
