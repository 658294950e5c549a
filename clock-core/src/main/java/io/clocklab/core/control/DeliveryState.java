package io.clocklab.core.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clocklab.core.model.SentRange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a VM's messages stand in its current run ({@code GET /internal/runs/{runId}/delivery}). Its
 * size is bounded by configuration: the queue by its capacity, and what each peer has not confirmed
 * by one range, however long the peer has been away.
 *
 * @param queued      the ids of the messages in this VM's queue, oldest first
 * @param unconfirmed per peer: the messages this VM sent there that the peer has not yet confirmed as
 *                    queued, as a range of seqs (this VM's log says which of them went to that peer)
 */
public record DeliveryState(String runId, String vm, List<String> queued, Map<String, SentRange> unconfirmed) {
    public DeliveryState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(vm, "vm");
        queued = List.copyOf(queued == null ? List.of() : queued);
        Map<String, SentRange> copy = new LinkedHashMap<>();
        if (unconfirmed != null) {
            unconfirmed.forEach((peer, range) -> copy.put(peer, range == null ? SentRange.NONE : range));
        }
        unconfirmed = Collections.unmodifiableMap(copy);
    }

    /** True when every peer has confirmed everything this VM sent it. */
    @JsonIgnore
    public boolean allConfirmed() {
        return unconfirmed.values().stream().allMatch(SentRange::isEmpty);
    }
}
