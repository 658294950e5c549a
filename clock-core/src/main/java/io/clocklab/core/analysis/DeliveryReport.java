package io.clocklab.core.analysis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What became of every message of a run ({@link DeliveryAccounting}). A SEND to every peer counts
 * once per recipient: each (SEND, recipient) pair is received, undelivered with a reason, or lost.
 * With the run's end state collected, every pair is one of the three:
 * {@code addressed = received + undelivered.size() + lost.size()}. Without it, only what the logs
 * prove is attributed, and the pairs left over are not accounted for ({@link #unaccounted()}).
 *
 * @param addressed   (SEND, recipient) pairs
 * @param received    pairs whose recipient logged a RECEIVE of the message
 * @param undelivered pairs not received, each with its reason, in the order of the recipients, then sent time
 * @param lost        pairs neither received nor undelivered, as {@code "<messageId> to <recipient>"}, in the same order
 */
public record DeliveryReport(long addressed, long received, List<Undelivered> undelivered, List<String> lost) {

    public DeliveryReport {
        undelivered = List.copyOf(undelivered);
        lost = List.copyOf(lost);
    }

    /** How a lost pair is written: {@code "vm2-17 to vm3"}. */
    public static String lostPair(String messageId, String recipient) {
        return messageId + " to " + recipient;
    }

    /** Pairs neither received nor attributed: 0 with an end state, possibly more without. */
    public long unaccounted() {
        return addressed - received - undelivered.size() - lost.size();
    }

    /** The undelivered pairs counted by reason, every reason present (0 when none). */
    public Map<Undelivered.Reason, Long> countByReason() {
        Map<Undelivered.Reason, Long> counts = new EnumMap<>(Undelivered.Reason.class);
        for (Undelivered.Reason reason : Undelivered.Reason.values()) {
            counts.put(reason, 0L);
        }
        undelivered.forEach(u -> counts.merge(u.reason(), 1L, Long::sum));
        return counts;
    }
}
