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
 * at most {@code shown} are listed: the first violation of each rule that has any (so that a flood
 * of one rule does not hide another), then the earliest others, all in the run's order: by VM (the
 * run's VM order), then seq, then rule, then detail. The order does not depend on the order in which
 * the checker finds them, so the list is the same however the run was read or sorted.
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
    private final Entry[] firstOfRule = new Entry[Rule.values().length];
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
        Entry first = firstOfRule[rule.ordinal()];
        boolean mayBeFirst = first == null || compare(vmRank, seq, rule, first) <= 0;
        boolean mayBeKept = kept.size() < shown || compare(vmRank, seq, rule, kept.peek()) <= 0;
        if (!mayBeFirst && !mayBeKept) {
            return;
        }
        Entry entry = new Entry(vmRank, new Violation(rule, vm, seq, detail.get()));
        if (first == null || ORDER.compare(entry, first) < 0) {
            firstOfRule[rule.ordinal()] = entry;
        }
        if (kept.size() < shown) {
            kept.add(entry);
        } else if (ORDER.compare(entry, kept.peek()) < 0) {
            kept.poll();
            kept.add(entry);
        }
    }

    private static int compare(int vmRank, long seq, Rule rule, Entry other) {
        Violation v = other.violation();
        return vmRank != other.vm() ? Integer.compare(vmRank, other.vm())
                : seq != v.seq() ? Long.compare(seq, v.seq())
                : Integer.compare(rule.ordinal(), v.rule().ordinal());
    }

    CheckReport report(long eventsChecked) {
        List<Entry> firsts = new ArrayList<>();
        for (Entry first : firstOfRule) {
            if (first != null) {
                firsts.add(first);
            }
        }
        firsts.sort(ORDER);
        List<Entry> entries = new ArrayList<>(firsts.subList(0, Math.min(shown, firsts.size())));
        List<Entry> earliest = new ArrayList<>(kept);
        earliest.sort(ORDER);
        for (Entry entry : earliest) {
            if (entries.size() >= shown) {
                break;
            }
            if (!firsts.contains(entry)) {
                entries.add(entry);
            }
        }
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
