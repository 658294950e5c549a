package io.clocklab.core.causality;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clocklab.core.analysis.Point;

import java.util.List;

/**
 * Happens-before in one run, from its logs ({@link CausalityAnalyzer}). The definitions are in
 * {@code docs/analysis.md}.
 *
 * @param events                 events in the logs
 * @param pairs                  unordered pairs of distinct events, {@code events * (events - 1) / 2}
 * @param orderedPairs           pairs where one happened before the other
 * @param concurrentPairs        the others: neither happened before the other
 * @param concurrentShare        {@code concurrentPairs / pairs}, 0 with fewer than two events
 * @param lamportTiedPairs       pairs with equal Lamport clocks (on different VMs, so concurrent)
 * @param falseOrderings         concurrent pairs with different Lamport clocks: an order the clock invents
 * @param falseOrderingShare     {@code falseOrderings / (pairs - lamportTiedPairs)}: of the pairs
 *                               Lamport orders, the share that is not causal; 0 when it orders none
 * @param falseOrderingExamples  some of them, the widest clock gaps first (at most the examples limit)
 * @param longestChain           the most events on one happens-before chain
 * @param chainEnd               the last event of such a chain; null without events
 * @param vms                    per VM, where its clock growth came from
 * @param windowSeconds          the width of the windows of {@code concurrentShareOverTime}
 * @param concurrentShareOverTime per window of wall time from the first event: the share of the pairs
 *                               of events in that window that are concurrent (x: the window's start,
 *                               in seconds; windows with fewer than two events are left out)
 * @param receivesWithoutSend    RECEIVEs whose SEND is in no log: placed without their message's past
 * @param carriedVectors         when events carry vector clocks (a vector run): those against the derived ones; null (and
 *                               left out of the JSON) when none does
 */
public record CausalityReport(long events, long pairs, long orderedPairs, long concurrentPairs, double concurrentShare,
                              long lamportTiedPairs, long falseOrderings, double falseOrderingShare,
                              List<FalseOrdering> falseOrderingExamples, long longestChain, EventRef chainEnd,
                              List<VmGrowth> vms, double windowSeconds, List<Point> concurrentShareOverTime,
                              long receivesWithoutSend,
                              @JsonInclude(JsonInclude.Include.NON_NULL) CarriedVectors carriedVectors) {

    public CausalityReport {
        falseOrderingExamples = List.copyOf(falseOrderingExamples);
        vms = List.copyOf(vms);
        concurrentShareOverTime = List.copyOf(concurrentShareOverTime);
    }

    /** A report of a run whose events carry no vector clocks. */
    public CausalityReport(long events, long pairs, long orderedPairs, long concurrentPairs, double concurrentShare,
                           long lamportTiedPairs, long falseOrderings, double falseOrderingShare,
                           List<FalseOrdering> falseOrderingExamples, long longestChain, EventRef chainEnd,
                           List<VmGrowth> vms, double windowSeconds, List<Point> concurrentShareOverTime,
                           long receivesWithoutSend) {
        this(events, pairs, orderedPairs, concurrentPairs, concurrentShare, lamportTiedPairs, falseOrderings, falseOrderingShare,
                falseOrderingExamples, longestChain, chainEnd, vms, windowSeconds, concurrentShareOverTime, receivesWithoutSend, null);
    }
}
