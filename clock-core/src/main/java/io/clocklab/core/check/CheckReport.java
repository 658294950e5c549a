package io.clocklab.core.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checker's verdict over one run. Every violation is counted; at most a configured number are
 * listed ({@code AnalysisLimits.shownPerList}), the first in the run's order: by VM, then seq.
 *
 * @param eventsChecked    every event of the run
 * @param violations       the listed violations, in the run's order (by VM, then seq, then rule)
 * @param violationCount   all violations, listed or not
 * @param violationsByRule all violations by rule, only the rules that have any, in the rules' order
 * @param notCheckable     the rules the logs did not allow to check (neither kept nor broken), in the
 *                         rules' order; empty when every rule was checked (and then left out of the JSON)
 */
public record CheckReport(long eventsChecked, List<Violation> violations, long violationCount, Map<Rule, Long> violationsByRule,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Rule> notCheckable) {

    /** A report read back from before the counts (only the list) counts what it lists. */
    public CheckReport {
        violations = violations == null ? List.of() : List.copyOf(violations);
        notCheckable = notCheckable == null ? List.of() : notCheckable.stream().filter(Objects::nonNull).distinct().sorted().toList();
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

    /** Every rule checked. */
    public CheckReport(long eventsChecked, List<Violation> violations, long violationCount, Map<Rule, Long> violationsByRule) {
        this(eventsChecked, violations, violationCount, violationsByRule, null);
    }

    /** Every violation listed, every rule checked. */
    public CheckReport(long eventsChecked, List<Violation> violations) {
        this(eventsChecked, violations, violations.size(), null);
    }

    /** No violation of the rules checked: when {@link #notCheckable()} is not empty, only as far as the logs allowed. */
    public boolean passed() {
        return violationCount == 0;
    }

    /** The rules that were checked: every rule but the {@link #notCheckable()} ones, in the rules' order. */
    public List<Rule> checked() {
        return Arrays.stream(Rule.values()).filter(rule -> !notCheckable.contains(rule)).toList();
    }

    /** The same verdict, these rules not checkable (as well as any already). */
    public CheckReport notChecking(List<Rule> rules) {
        List<Rule> all = new ArrayList<>(notCheckable);
        all.addAll(rules);
        return new CheckReport(eventsChecked, violations, violationCount, violationsByRule, all);
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
