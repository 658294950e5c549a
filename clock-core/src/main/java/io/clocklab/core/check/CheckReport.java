package io.clocklab.core.check;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checker's verdict over one run. Every violation is counted; at most a configured number are
 * listed ({@code AnalysisLimits.shownPerList}), the first in the run's order: by VM, then seq.
 *
 * @param eventsChecked    every event of the run
 * @param violations       the listed violations, in the run's order (by VM, then seq, then rule)
 * @param violationCount   all violations, listed or not
 * @param violationsByRule all violations by rule, only the rules that have any, in the rules' order
 */
public record CheckReport(long eventsChecked, List<Violation> violations, long violationCount, Map<Rule, Long> violationsByRule) {

    /** A report read back from before the counts (only the list) counts what it lists. */
    public CheckReport {
        violations = violations == null ? List.of() : List.copyOf(violations);
        EnumMap<Rule, Long> counts = new EnumMap<>(Rule.class);
        if (violationsByRule != null) {
            violationsByRule.forEach((rule, n) -> {
                if (rule != null && n != null && n > 0) {
                    counts.put(rule, n);
                }
            });
        }
        EnumMap<Rule, Long> listed = new EnumMap<>(Rule.class);
        violations.forEach(v -> listed.merge(v.rule(), 1L, Long::sum));
        listed.forEach((rule, n) -> counts.merge(rule, n, Math::max));
        long sum = counts.values().stream().mapToLong(Long::longValue).sum();
        violationCount = Math.max(violationCount, Math.max(violations.size(), sum));
        violationsByRule = Collections.unmodifiableMap(counts);
    }

    /** Every violation listed. */
    public CheckReport(long eventsChecked, List<Violation> violations) {
        this(eventsChecked, violations, violations.size(), null);
    }

    public boolean passed() {
        return violationCount == 0;
    }

    /** The listed violations of one rule. */
    public List<Violation> of(Rule rule) {
        return violations.stream().filter(v -> v.rule() == rule).toList();
    }

    /** How many violations of one rule there are, listed or not. */
    public long count(Rule rule) {
        return violationsByRule.getOrDefault(rule, 0L);
    }

    /** True when every violation is listed. */
    public boolean allListed() {
        return violations.size() == violationCount;
    }
}
