package io.clocklab.core.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Sums up an experiment: each variation's runs reduced to one value per run, then a mean with its 95 % interval. */
public final class ExperimentAnalyzer {

    private ExperimentAnalyzer() {
    }

    /** The variations in the map's order (label to its runs). */
    public static ExperimentAnalysis analyze(LinkedHashMap<String, List<RunAnalysis>> runsByVariation) {
        List<VariationSummary> summaries = new ArrayList<>();
        runsByVariation.forEach((label, runs) -> summaries.add(summarize(label, runs)));
        return new ExperimentAnalysis(summaries);
    }

    /**
     * The per-run values are those of {@link VariationSummary}; a run without any RECEIVE has mean
     * and p95 jump 0, a run without VMs has 0 everywhere.
     *
     * @throws IllegalArgumentException when there are no runs (there is nothing to estimate)
     */
    public static VariationSummary summarize(String label, List<RunAnalysis> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("variation '" + label + "' has no runs to summarize");
        }
        return new VariationSummary(label, runs.stream().map(RunAnalysis::runId).toList(),
                estimate(runs, ExperimentAnalyzer::meanJump),
                estimate(runs, run -> largest(run, vm -> vm.jumps().p95())),
                estimate(runs, run -> largest(run, vm -> vm.queue().growthPerSecond())),
                estimate(runs, run -> largest(run, vm -> vm.drift().finalGap())));
    }

    private static Estimate estimate(List<RunAnalysis> runs, ToDoubleFunction<RunAnalysis> perRun) {
        return ConfidenceInterval.of(runs.stream().mapToDouble(perRun).toArray());
    }

    /** Over all RECEIVEs of the run, whichever VM made them: VMs weigh by how much they received. */
    static double meanJump(RunAnalysis run) {
        double sum = 0;
        long count = 0;
        for (VmAnalysis vm : run.vms()) {
            sum += vm.jumps().mean() * vm.jumps().count();
            count += vm.jumps().count();
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double largest(RunAnalysis run, ToDoubleFunction<VmAnalysis> value) {
        return run.vms().stream().mapToDouble(value).max().orElse(0);
    }
}
