package io.clocklab.core.run;

import io.clocklab.core.model.SentRange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the messages that had not been received were when the run ended, as the coordinator
 * collected it from the VMs ({@code GET /internal/runs/{runId}/delivery}). Its size is bounded by
 * configuration, not by the run: a queue holds at most its capacity, and what a sender had not had
 * confirmed is one {@link SentRange} per recipient, however many messages it stands for.
 *
 * @param queued      per VM, the ids of the messages still in its queue, oldest first
 * @param unconfirmed per sender, per recipient, the messages the sender had sent that the recipient
 *                    had not confirmed as queued
 */
public record EndState(Map<String, List<String>> queued, Map<String, Map<String, SentRange>> unconfirmed) {

    public EndState {
        LinkedHashMap<String, List<String>> queuedCopy = new LinkedHashMap<>();
        if (queued != null) {
            queued.forEach((vm, ids) -> queuedCopy.put(vm, ids == null ? List.of() : List.copyOf(ids)));
        }
        queued = Collections.unmodifiableMap(queuedCopy);
        LinkedHashMap<String, Map<String, SentRange>> unconfirmedCopy = new LinkedHashMap<>();
        if (unconfirmed != null) {
            unconfirmed.forEach((sender, byRecipient) -> {
                LinkedHashMap<String, SentRange> copy = new LinkedHashMap<>();
                if (byRecipient != null) {
                    byRecipient.forEach((recipient, range) -> copy.put(recipient, range == null ? SentRange.NONE : range));
                }
                unconfirmedCopy.put(sender, Collections.unmodifiableMap(copy));
            });
        }
        unconfirmed = Collections.unmodifiableMap(unconfirmedCopy);
    }

    /** The ids still in this VM's queue; empty when it is not known. */
    public List<String> queuedAt(String vm) {
        return queued.getOrDefault(vm, List.of());
    }

    /** What {@code sender} had sent to {@code recipient} that the recipient had not confirmed. */
    public SentRange unconfirmedFrom(String sender, String recipient) {
        return unconfirmed.getOrDefault(sender, Map.of()).getOrDefault(recipient, SentRange.NONE);
    }
}
