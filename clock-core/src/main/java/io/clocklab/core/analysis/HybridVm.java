package io.clocklab.core.analysis;

/**
 * One VM's hybrid logical clock against its own physical clock ({@link HybridAnalyzer}). {@code pt} is
 * the VM's physical time in whole milliseconds since the epoch, as its clock read it: its event's
 * {@code systemTime}, floored to the millisecond (the very value the VM fed its hybrid clock).
 *
 * @param events             every event the VM logged
 * @param hlcEvents          those that carry a hybrid time ({@code hlc}); the figures below are over them
 * @param maxAheadMillis     the largest {@code l - pt}: how far the clock ran ahead of the VM's own physical clock (0 without hlc events)
 * @param minAheadMillis     the smallest {@code l - pt}; never below 0 when the rules hold ({@code l >= pt})
 * @param maxC               the largest {@code c}
 * @param monotonic          whether every hlc event's {@code (l, c)} is lexicographically greater than the VM's previous one
 * @param notMonotonic       hlc events whose {@code (l, c)} is not greater than the previous one's
 * @param firstNotMonotonic  the seq of the first of them; null when none
 * @param belowPhysical      hlc events with {@code l < pt}
 * @param overEpsilon        hlc events with {@code l - pt > ε}
 * @param overCBound         hlc events with {@code c} above the run's bound on c
 * @param maxEventsPerMilli  the most events the VM logged within one millisecond of its physical clock (one {@code pt})
 */
public record HybridVm(String vm, long events, long hlcEvents, long maxAheadMillis, long minAheadMillis, long maxC, boolean monotonic,
                       long notMonotonic, Long firstNotMonotonic, long belowPhysical, long overEpsilon, long overCBound,
                       long maxEventsPerMilli) {

    /** Whether this VM kept every bound: monotonic, {@code 0 <= l - pt <= ε} and {@code c} within its bound. */
    public boolean withinBounds() {
        return monotonic && belowPhysical == 0 && overEpsilon == 0 && overCBound == 0;
    }
}
