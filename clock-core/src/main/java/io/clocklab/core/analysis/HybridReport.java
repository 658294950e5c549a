package io.clocklab.core.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clocklab.core.model.ClockSkew;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's hybrid logical clocks against the bounds Kulkarni et al. prove ({@link HybridAnalyzer}); the
 * definitions are in {@code docs/analysis.md}, "Hybrid logical clocks".
 *
 * @param reason            null when analysed; otherwise why not (no event carries a hybrid time), and every figure is 0 or empty
 * @param clockSkew         the VMs' physical-clock skews the bounds were worked out for; a VM not named had none
 * @param lengthSeconds     the length of the run, from its start, over which ε was worked out
 * @param epsilonMillis     ε: the widest gap between two VMs' physical clocks over the run ({@link ClockSkew#epsilonMillis}), whole milliseconds rounded up
 * @param eventsPerMilli    k: the most events any VM logged within one millisecond of its physical clock
 * @param hlcVms            N: the VMs that logged hybrid times
 * @param cBound            the bound on c: {@code N * (ε + 1) * k}
 * @param events            every event of the run's VMs
 * @param hlcEvents         those that carry a hybrid time
 * @param vms               per VM, in the run's order
 * @param aheadOverTime     per VM, {@code l - pt} in milliseconds against seconds since the run's first event, thinned to at most
 *                          {@link RunSeries#MAX_POINTS} points (the lowest and highest of each stretch kept)
 */
public record HybridReport(@JsonInclude(JsonInclude.Include.NON_NULL) String reason, Map<String, ClockSkew> clockSkew,
                           double lengthSeconds, long epsilonMillis, long eventsPerMilli, int hlcVms, long cBound, long events,
                           long hlcEvents, List<HybridVm> vms, Map<String, List<Point>> aheadOverTime) {

    public HybridReport {
        clockSkew = Collections.unmodifiableMap(new LinkedHashMap<>(clockSkew));
        vms = List.copyOf(vms);
        Map<String, List<Point>> series = new LinkedHashMap<>();
        aheadOverTime.forEach((vm, points) -> series.put(vm, List.copyOf(points)));
        aheadOverTime = Collections.unmodifiableMap(series);
    }

    /** A report that says why the run's hybrid clocks were not analysed. */
    static HybridReport notAnalysed(String reason, Map<String, ClockSkew> clockSkew, double lengthSeconds, long events) {
        return new HybridReport(reason, clockSkew, lengthSeconds, 0, 0, 0, 0, events, 0, List.of(), Map.of());
    }

    /** Whether the hybrid clocks were analysed ({@link #reason()} is null). */
    public boolean analysed() {
        return reason == null;
    }

    /** Whether every VM kept every bound ({@link HybridVm#withinBounds()}); false when not analysed. */
    public boolean withinBounds() {
        return analysed() && vms.stream().allMatch(HybridVm::withinBounds);
    }
}
