package io.clocklab.core.causality;

import java.util.List;

/**
 * In a run whose VMs carried vector clocks ({@code "clock": "vector"}), each event's logged
 * {@code vectorClock} against the one {@link CausalOrder} derives from the messages alone. They are
 * equal in an honest run: a difference is a VM that broke the vector clock rules, a message whose
 * SEND is in no log, or a log that was changed.
 *
 * @param compared         events that carry a vector clock, each compared
 * @param equal            of those, the ones whose vector equals the derived one, VM by VM (a VM left out counts 0)
 * @param different        the others
 * @param withoutVector    events that carry none (in a vector run: none)
 * @param firstDifferences the first {@link #SHOWN} differences in the causal order
 */
public record CarriedVectors(long compared, long equal, long different, long withoutVector, List<VectorDifference> firstDifferences) {

    /** The most differences listed (all are counted). */
    public static final int SHOWN = 10;

    public CarriedVectors {
        firstDifferences = List.copyOf(firstDifferences);
    }
}
