package io.clocklab.vm.run;

import io.clocklab.vm.net.DeliveryProgress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's {@link DeliveryProgress} per sender. Q moves when a message is queued (side-port
 * threads, under the runtime's switch lock), R when the ticker has logged its RECEIVE. Each sender
 * sends in seq order, so "seq <= Q" is exactly "already queued": a duplicate.
 */
final class Receipts {

    private final Map<String, DeliveryProgress> bySender = new ConcurrentHashMap<>();

    /** @param receivedUpTo per sender, R from the log of a recovered run (Q = R: the queue was lost) */
    Receipts(Map<String, Long> receivedUpTo) {
        receivedUpTo.forEach((sender, seq) -> bySender.put(sender, new DeliveryProgress(seq, seq)));
    }

    DeliveryProgress of(String sender) {
        return bySender.getOrDefault(sender, DeliveryProgress.NONE);
    }

    /** Counts the message as queued unless it is a duplicate; the caller queues it when this says true. */
    boolean queue(String sender, long seq) {
        boolean[] fresh = {false};
        bySender.compute(sender, (s, progress) -> {
            DeliveryProgress now = progress == null ? DeliveryProgress.NONE : progress;
            if (seq <= now.queuedUpTo()) {
                return now;
            }
            fresh[0] = true;
            return new DeliveryProgress(seq, now.receivedUpTo());
        });
        return fresh[0];
    }

    /** The ticker logged the RECEIVE of {@code <sender>-<seq>}. */
    void received(String sender, long seq) {
        bySender.compute(sender, (s, progress) -> {
            DeliveryProgress now = progress == null ? DeliveryProgress.NONE : progress;
            return new DeliveryProgress(Math.max(now.queuedUpTo(), seq), Math.max(now.receivedUpTo(), seq));
        });
    }
}
