package io.clocklab.core.analysis;

import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.check.Undelivered;
import io.clocklab.core.run.AnalysisLimits;

import java.util.List;
import java.util.Map;

/**
 * A run's {@link DeliveryReport} in a size that does not grow with the run: the counts, and the
 * first undelivered and lost pairs. What {@code GET /api/runs/{id}} shows; longer lists (still capped,
 * {@code AnalysisLimits.shownPerList}) are in the run's analysis.
 *
 * @param undelivered      undelivered pairs by reason
 * @param undeliveredShown the first of them, at most the cap
 * @param lostShown        the first lost pairs ({@code "<messageId> to <recipient>"}), at most the cap
 */
public record DeliverySummary(long addressed, long received, Map<Undelivered.Reason, Long> undelivered, long lost,
                              long unaccounted, List<Undelivered> undeliveredShown, List<String> lostShown) {

    /** How many pairs of each list a summary names. */
    public static final int SHOWN = 50;

    public static DeliverySummary of(DeliveryReport report) {
        return new DeliverySummary(report.addressed(), report.received(), report.countByReason(), report.lostCount(),
                report.unaccounted(), report.undelivered().stream().limit(SHOWN).toList(),
                report.lost().stream().limit(SHOWN).toList());
    }

    /** Nothing lost and nothing left unexplained. */
    public boolean complete() {
        return lost == 0 && unaccounted == 0;
    }
}
