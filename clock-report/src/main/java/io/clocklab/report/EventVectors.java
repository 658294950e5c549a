package io.clocklab.report;

import io.clocklab.core.causality.CausalOrder;
import io.clocklab.core.control.Names;
import io.clocklab.core.run.RunEvents;

import java.util.List;
import java.util.Map;

/**
 * Vector clocks of the events a space-time diagram holds, for the click that lights up an event's
 * causal past and future: per event ({@code vm#seq}), one count per VM of {@code vms}.
 */
public record EventVectors(List<String> vms, Map<String, long[]> byEvent) {

    /** The most events a run may have for its diagram to get vector clocks: the whole run is streamed for each window. */
    public static final long MAX_RUN_EVENTS = 100_000;

    public EventVectors {
        vms = List.copyOf(vms);
        byEvent = Map.copyOf(byEvent);
    }

    /**
     * The vector clocks of the events {@code diagram} holds, derived from the whole run ({@link CausalOrder});
     * null when a VM's name is not a valid one (the page's script reads the names back from the picture).
     */
    public static EventVectors of(List<String> vms, RunEvents events, SpaceTimeDiagram diagram) {
        if (!vms.stream().allMatch(Names::isValid)) {
            return null;
        }
        return new EventVectors(vms, CausalOrder.vectors(vms, events, diagram.eventKeys()));
    }
}
