package io.clocklab.core.control;

import java.util.List;
import java.util.Map;

/**
 * What one VM still holds of a run's messages, as {@code GET /internal/runs/{runId}/delivery} gives it.
 *
 * @param queued      message ids in this VM's queue, oldest first
 * @param unconfirmed per peer, the ids this VM sent that the peer has not yet confirmed as queued
 */
public record DeliveryState(String runId, String vm, List<String> queued, Map<String, List<String>> unconfirmed) {
    public DeliveryState {
        queued = queued == null ? List.of() : List.copyOf(queued);
        unconfirmed = unconfirmed == null ? Map.of() : Map.copyOf(unconfirmed);
    }
}
