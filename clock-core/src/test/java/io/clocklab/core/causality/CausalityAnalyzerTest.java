package io.clocklab.core.causality;

import io.clocklab.core.analysis.Point;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.clocklab.core.causality.HandMade.at;
import static io.clocklab.core.causality.HandMade.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CausalityAnalyzerTest {

    /** No messages: a1 -> a2 on one VM, b1 alone on the other; Lamport ties a1 and b1, and orders b1 (1) before a2 (2) without cause. */
    @Test
    void twoVmsWithoutMessagesHaveOnlyTheirOwnOrder() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.internal(1, "a", at(0), 1, 0), Event.internal(2, "a", at(1), 2, 0)));
        logs.put("b", List.of(Event.internal(1, "b", at(0.5), 1, 0)));

        CausalityReport report = CausalityAnalyzer.analyze(List.of("a", "b"), RunEvents.of(logs));

        assertThat(report.events()).isEqualTo(3);
        assertThat(report.pairs()).isEqualTo(3);
        assertThat(report.orderedPairs()).isEqualTo(1);
        assertThat(report.concurrentPairs()).isEqualTo(2);
        assertThat(report.concurrentShare()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(report.lamportTiedPairs()).isEqualTo(1);
        assertThat(report.falseOrderings()).isEqualTo(1);
        assertThat(report.falseOrderingShare()).isEqualTo(0.5);
        assertThat(report.falseOrderingExamples()).containsExactly(new FalseOrdering(
                new EventRef("b", 1, 1, at(0.5)), new EventRef("a", 2, 2, at(1)), 1));
        assertThat(report.longestChain()).isEqualTo(2);
        assertThat(report.chainEnd()).isEqualTo(new EventRef("a", 2, 2, at(1)));
        assertThat(report.receivesWithoutSend()).isZero();
    }

    /**
     * a sends m (1) to b; b is idle (1), then receives m (max(1,1)+1 = 2); a is idle (2). Causal: s->r,
     * i_b->r, s->i_a. Concurrent: s|i_b (tied at 1), r|i_a (tied at 2), i_b|i_a (1 < 2: false).
     */
    @Test
    void aMessageOrdersItsSendBeforeItsReceive() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.send(1, "a", at(0), 1, 0, List.of("b"), "a-1"), Event.internal(2, "a", at(2), 2, 0)));
        logs.put("b", List.of(Event.internal(1, "b", at(0.5), 1, 1), Event.receive(2, "b", at(1), 2, 0, from("a", "a-1", 1))));

        CausalityReport report = CausalityAnalyzer.analyze(List.of("a", "b"), RunEvents.of(logs));

        assertThat(report.pairs()).isEqualTo(6);
        assertThat(report.orderedPairs()).isEqualTo(3);
        assertThat(report.concurrentPairs()).isEqualTo(3);
        assertThat(report.lamportTiedPairs()).isEqualTo(2);
        assertThat(report.falseOrderings()).isEqualTo(1);
        assertThat(report.falseOrderingExamples()).extracting(o -> o.lower().vm() + o.lower().seq() + "<" + o.higher().vm() + o.higher().seq())
                .containsExactly("b1<a2");
        assertThat(report.longestChain()).isEqualTo(2);
        assertThat(report.vms()).containsExactly(new VmGrowth("a", 2, 2, 2, 0, 0), new VmGrowth("b", 2, 2, 2, 0, 0));
    }

    /** b's clock is pulled from 1 to 11 by one receive: 9 of its 11 came from it. */
    @Test
    void aVmsGrowthIsSplitIntoItsOwnEventsAndWhatItsReceivesAdded() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        List<Event> a = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            a.add(Event.internal(i, "a", at(i * 0.1), i, 0));
        }
        a.add(Event.send(10, "a", at(1), 10, 0, List.of("b"), "a-1"));
        logs.put("a", a);
        logs.put("b", List.of(Event.internal(1, "b", at(0), 1, 0), Event.receive(2, "b", at(2), 11, 0, from("a", "a-1", 10))));

        CausalityReport report = CausalityAnalyzer.analyze(List.of("a", "b"), RunEvents.of(logs));

        assertThat(report.vms().get(1)).isEqualTo(new VmGrowth("b", 2, 11, 2, 9, 9 / 11.0));
        assertThat(report.vms().get(0).receiveShare()).isZero();
        assertThat(report.longestChain()).isEqualTo(11);
        assertThat(report.chainEnd()).isEqualTo(new EventRef("b", 2, 11, at(2)));
    }

    /** b's wall clock steps back by 4.45 s: its late event stays in the window it came in, and every share stays a share. */
    @Test
    void aWallClockThatStepsBackLeavesEveryWindowShareBetweenZeroAndOne() {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        logs.put("a", List.of(Event.internal(1, "a", at(0), 1, 0), Event.internal(2, "a", at(0.5), 2, 0), Event.internal(3, "a", at(5), 3, 0)));
        logs.put("b", List.of(Event.internal(1, "b", at(0.5), 1, 0), Event.internal(2, "b", at(5), 2, 0), Event.internal(3, "b", at(0.55), 3, 0)));

        CausalityReport report = CausalityAnalyzer.analyze(List.of("a", "b"), RunEvents.of(logs));

        assertThat(report.concurrentShareOverTime()).isNotEmpty()
                .allSatisfy(point -> assertThat(point.value()).as("at %s s", point.seconds()).isBetween(0.0, 1.0));
    }

    @Test
    void noEventsGiveZerosAndNoChainEnd() {
        CausalityReport report = CausalityAnalyzer.analyze(List.of("a", "b"), RunEvents.of(Map.of()));

        assertThat(report.events()).isZero();
        assertThat(report.pairs()).isZero();
        assertThat(report.concurrentShare()).isZero();
        assertThat(report.falseOrderingShare()).isZero();
        assertThat(report.chainEnd()).isNull();
        assertThat(report.concurrentShareOverTime()).isEmpty();
        assertThat(report.vms()).extracting(VmGrowth::events).containsExactly(0L, 0L);
    }

    @Test
    void windowsAreOneTwoOrFiveTimesAPowerOfTenAndAtMostAHundred() {
        assertThat(CausalityAnalyzer.windowSeconds(0)).isEqualTo(0.001);
        assertThat(CausalityAnalyzer.windowSeconds(0.099)).isEqualTo(0.001);
        assertThat(CausalityAnalyzer.windowSeconds(0.1)).isCloseTo(0.002, within(1e-12));
        assertThat(CausalityAnalyzer.windowSeconds(60)).isCloseTo(1, within(1e-12));
        assertThat(CausalityAnalyzer.windowSeconds(3600)).isCloseTo(50, within(1e-9));
        for (double span : new double[]{0.37, 9.99, 10, 123.4, 86_400}) {
            double width = CausalityAnalyzer.windowSeconds(span);
            assertThat(Math.floor(span / width) + 1).isLessThanOrEqualTo(CausalityAnalyzer.MAX_WINDOWS);
        }
    }

    /** Every figure against happens-before computed by brute force (reachability over the event graph) on simulated runs. */
    @ParameterizedTest
    @CsvSource({"3, 1, 10, 4", "3, 2, 4, 6", "5, 3, 10, 3", "2, 4, 2, 5", "4, 5, 40, 3"})
    void everyFigureMatchesBruteForceOnSimulatedRuns(int vmCount, long seed, int randomRange, int seconds) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int v = 1; v <= vmCount; v++) {
            rates.put("vm" + v, 1 + (int) ((seed * 7 + v * 3) % 6));
        }
        RunData data = Simulator.run(SimulationSpec.of("brute", rates, seed, Duration.ofSeconds(seconds)).withRandomRange(randomRange));

        CausalityReport report = CausalityAnalyzer.analyze(data);
        Brute brute = new Brute(data);

        assertThat(report.events()).isEqualTo(brute.events.size()).isGreaterThan(10);
        assertThat(report.orderedPairs()).isEqualTo(brute.ordered);
        assertThat(report.concurrentPairs()).isEqualTo(brute.pairs - brute.ordered);
        assertThat(report.lamportTiedPairs()).isEqualTo(brute.tied);
        assertThat(report.falseOrderings()).isEqualTo(brute.falseOrderings).isPositive();
        assertThat(report.longestChain()).isEqualTo(brute.longestChain)
                .as("in an honest run the longest chain is the largest Lamport clock").isEqualTo(brute.maxClock);
        assertThat(report.receivesWithoutSend()).isZero();
        for (FalseOrdering example : report.falseOrderingExamples()) {
            int lower = brute.index(example.lower());
            int higher = brute.index(example.higher());
            assertThat(brute.concurrent(lower, higher)).as("%s", example).isTrue();
            assertThat(example.lower().logicalClock()).isLessThan(example.higher().logicalClock());
            assertThat(example.gap()).isEqualTo(example.higher().logicalClock() - example.lower().logicalClock());
        }
        assertThat(report.falseOrderingExamples()).isNotEmpty().hasSizeLessThanOrEqualTo(CausalityAnalyzer.EXAMPLES);
        assertThat(report.falseOrderingExamples().stream().flatMap(o -> java.util.stream.Stream.of(o.lower(), o.higher())))
                .as("no event in two examples").doesNotHaveDuplicates();
        assertThat(report.falseOrderingExamples()).extracting(FalseOrdering::gap).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(report.concurrentShareOverTime()).containsExactlyElementsOf(brute.windows(report.windowSeconds()));
        for (VmGrowth growth : report.vms()) {
            assertThat(growth.ownEvents() + growth.fromReceives()).as(growth.vm()).isEqualTo(growth.lastClock());
        }
    }

    /** Happens-before by reachability: program order and send -> receive edges, closed transitively with bit sets. */
    private static final class Brute {
        final List<Event> events = new ArrayList<>();
        final Map<String, Integer> byRef = new HashMap<>();
        final BitSet[] before;
        long pairs;
        long ordered;
        long tied;
        long falseOrderings;
        long longestChain;
        long maxClock;

        Brute(RunData data) {
            Map<String, List<Event>> logs = data.eventsByVm();
            Map<String, Integer> sends = new HashMap<>();
            logs.values().forEach(events::addAll);
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                byRef.put(event.vm() + "#" + event.seq(), i);
                if (event.type() == EventType.SEND) {
                    sends.put(event.messageId(), i);
                }
            }
            int n = events.size();
            List<List<Integer>> parents = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Event event = events.get(i);
                List<Integer> direct = new ArrayList<>();
                if (event.seq() > 1) {
                    direct.add(byRef.get(event.vm() + "#" + (event.seq() - 1)));
                }
                if (event.type() == EventType.RECEIVE) {
                    direct.add(sends.get(event.messageId()));
                }
                parents.add(direct);
            }
            before = new BitSet[n];
            long[] chain = new long[n];
            boolean[] done = new boolean[n];
            for (int finished = 0; finished < n; ) {
                for (int i = 0; i < n; i++) {
                    if (done[i] || !parents.get(i).stream().allMatch(p -> done[p])) {
                        continue;
                    }
                    BitSet past = new BitSet(n);
                    long longest = 0;
                    for (int p : parents.get(i)) {
                        past.or(before[p]);
                        past.set(p);
                        longest = Math.max(longest, chain[p]);
                    }
                    before[i] = past;
                    chain[i] = longest + 1;
                    done[i] = true;
                    finished++;
                }
            }
            for (int i = 0; i < n; i++) {
                longestChain = Math.max(longestChain, chain[i]);
                maxClock = Math.max(maxClock, events.get(i).logicalClock());
                for (int j = i + 1; j < n; j++) {
                    pairs++;
                    boolean causal = !concurrent(i, j);
                    boolean sameClock = events.get(i).logicalClock() == events.get(j).logicalClock();
                    ordered += causal ? 1 : 0;
                    tied += sameClock ? 1 : 0;
                    falseOrderings += !causal && !sameClock ? 1 : 0;
                }
            }
        }

        boolean concurrent(int i, int j) {
            return !before[i].get(j) && !before[j].get(i);
        }

        int index(EventRef ref) {
            return byRef.get(ref.vm() + "#" + ref.seq());
        }

        List<Point> windows(double width) {
            Instant first = events.stream().map(Event::systemTime).min(Instant::compareTo).orElseThrow();
            Map<Integer, List<Integer>> byWindow = new java.util.TreeMap<>();
            for (int i = 0; i < events.size(); i++) {
                double seconds = Duration.between(first, events.get(i).systemTime()).toNanos() / 1e9;
                byWindow.computeIfAbsent((int) Math.floor(seconds / width), w -> new ArrayList<>()).add(i);
            }
            List<Point> points = new ArrayList<>();
            byWindow.forEach((w, members) -> {
                long inWindow = 0;
                long concurrentIn = 0;
                for (int a = 0; a < members.size(); a++) {
                    for (int b = a + 1; b < members.size(); b++) {
                        inWindow++;
                        concurrentIn += concurrent(members.get(a), members.get(b)) ? 1 : 0;
                    }
                }
                if (inWindow > 0) {
                    points.add(new Point(w * width, (double) concurrentIn / inWindow));
                }
            });
            return points;
        }
    }
}
