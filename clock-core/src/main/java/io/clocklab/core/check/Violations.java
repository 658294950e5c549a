package io.clocklab.core.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The violations of one check, in bounded memory: every one is counted (in total and by rule), and
 * the first {@code shown} in the run's order are kept: by VM (the run's VM order), then seq, then
 * rule, then detail. The order does not depend on the order in which the checker finds them, so the
 * list is the same however the run was read or sorted.
 */
final class Violations {

    private record Entry(int vm, Violation violation) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::vm)
            .thenComparingLong(e -> e.violation().seq())
            .thenComparingInt(e -> e.violation().rule().ordinal())
            .thenComparing(e -> e.violation().detail());

    private final int shown;
    private final PriorityQueue<Entry> kept; // the largest kept one on top, to be pushed out first
    private final long[] byRule = new long[Rule.values().length];
    private long total;

    Violations(int shown) {
        this.shown = shown;
        this.kept = new PriorityQueue<>(ORDER.reversed());
    }

    /**
     * Counts a violation and keeps it if it is among the first: {@code detail} is only built then.
     *
     * @param vmRank the position of {@code vm} in the run's VM order
     */
    void report(Rule rule, int vmRank, String vm, long seq, Supplier<String> detail) {
        total++;
        byRule[rule.ordinal()]++;
        if (kept.size() >= shown) {
            Entry last = kept.peek();
            int c = vmRank != last.vm() ? Integer.compare(vmRank, last.vm())
                    : seq != last.violation().seq() ? Long.compare(seq, last.violation().seq())
                    : Integer.compare(rule.ordinal(), last.violation().rule().ordinal());
            if (c > 0) {
                return;
            }
        }
        Entry entry = new Entry(vmRank, new Violation(rule, vm, seq, detail.get()));
        if (kept.size() < shown) {
            kept.add(entry);
        } else if (ORDER.compare(entry, kept.peek()) < 0) {
            kept.poll();
            kept.add(entry);
        }
    }

    CheckReport report(long eventsChecked) {
        List<Entry> entries = new ArrayList<>(kept);
        entries.sort(ORDER);
        Map<Rule, Long> counts = new EnumMap<>(Rule.class);
        for (Rule rule : Rule.values()) {
            if (byRule[rule.ordinal()] > 0) {
                counts.put(rule, byRule[rule.ordinal()]);
            }
        }
        return new CheckReport(eventsChecked, entries.stream().map(Entry::violation).toList(), total, counts);
    }
}
