package io.clocklab.core.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a VM's messages stand in its current run ({@code GET /internal/runs/{runId}/delivery}).
 *
 * @param queued      the ids of the messages in this VM's queue, oldest first
 * @param unconfirmed per peer: the ids of the messages this VM sent there that the peer has not yet
 *                    confirmed as queued, oldest first
 */
public record DeliveryState(String runId, String vm, List<String> queued, Map<String, List<String>> unconfirmed) {
    public DeliveryState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(vm, "vm");
        queued = List.copyOf(queued == null ? List.of() : queued);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (unconfirmed != null) {
            unconfirmed.forEach((peer, ids) -> copy.put(peer, List.copyOf(ids)));
        }
        unconfirmed = Collections.unmodifiableMap(copy);
    }
}
