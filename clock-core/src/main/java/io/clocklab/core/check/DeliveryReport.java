package io.clocklab.core.check;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What became of every message of a run ({@link DeliveryAccounting}). A SEND to every peer counts
 * once per recipient: each (SEND, recipient) pair is received, undelivered with a reason, or lost.
 * With the run's end state collected, every pair is one of the three:
 * {@code addressed = received + undeliveredCount() + lostCount}. Without it, only what the logs
 * prove is attributed, and the pairs left over are not accounted for ({@link #unaccounted()}).
 * <p>
 * Every pair is counted; the lists name at most a configured number of pairs each
 * ({@code AnalysisLimits.shownPerList}), the first in their order.
 *
 * @param addressed           (SEND, recipient) pairs
 * @param received            pairs whose recipient logged a RECEIVE of the message
 * @param undelivered         the first pairs not received, each with its reason, in the order of the recipients, then sent time
 * @param lost                the first pairs neither received nor undelivered, as {@code "<messageId> to <recipient>"}, in the same order
 * @param undeliveredByReason all undelivered pairs by reason, every reason present (0 when none)
 * @param lostCount           all lost pairs
 */
public record DeliveryReport(long addressed, long received, List<Undelivered> undelivered, List<String> lost,
                             Map<Undelivered.Reason, Long> undeliveredByReason, long lostCount) {

    /** A report read back from before the counts (only the lists) counts what it lists. */
    public DeliveryReport {
        undelivered = undelivered == null ? List.of() : List.copyOf(undelivered);
        lost = lost == null ? List.of() : List.copyOf(lost);
        EnumMap<Undelivered.Reason, Long> counts = new EnumMap<>(Undelivered.Reason.class);
        for (Undelivered.Reason reason : Undelivered.Reason.values()) {
            Long n = undeliveredByReason == null ? null : undeliveredByReason.get(reason);
            counts.put(reason, n == null ? 0L : n);
        }
        EnumMap<Undelivered.Reason, Long> listed = new EnumMap<>(Undelivered.Reason.class);
        undelivered.forEach(u -> listed.merge(u.reason(), 1L, Long::sum));
        listed.forEach((reason, n) -> counts.merge(reason, n, Math::max));
        undeliveredByReason = Collections.unmodifiableMap(counts);
        lostCount = Math.max(lostCount, lost.size());
    }

    /** Every pair listed. */
    public DeliveryReport(long addressed, long received, List<Undelivered> undelivered, List<String> lost) {
        this(addressed, received, undelivered, lost, null, 0);
    }

    /** How a lost pair is written: {@code "vm2-17 to vm3"}. */
    public static String lostPair(String messageId, String recipient) {
        return messageId + " to " + recipient;
    }

    /** All undelivered pairs, listed or not. */
    public long undeliveredCount() {
        return undeliveredByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Pairs neither received nor attributed: 0 with an end state, possibly more without. */
    public long unaccounted() {
        return addressed - received - undeliveredCount() - lostCount;
    }

    /** The undelivered pairs counted by reason, every reason present (0 when none): {@link #undeliveredByReason()}. */
    public Map<Undelivered.Reason, Long> countByReason() {
        return new EnumMap<>(undeliveredByReason);
    }

    /** True when every undelivered and every lost pair is listed. */
    public boolean allListed() {
        return undelivered.size() == undeliveredCount() && lost.size() == lostCount;
    }
}
