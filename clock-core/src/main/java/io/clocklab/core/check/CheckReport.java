package io.clocklab.core.check;

import java.util.List;

/** The checker's verdict over one run. */
public record CheckReport(long eventsChecked, List<Violation> violations) {

    public CheckReport {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    public List<Violation> of(Rule rule) {
        return violations.stream().filter(v -> v.rule() == rule).toList();
    }
}
