package io.clocklab.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One vector time, {@code {vm: count}}: how many events of each VM are in an event's causal past,
 * the event itself included. Sparse: a VM whose count is 0 is left out, as ShiViz wants it. Keys
 * in natural order ({@code vm2} before {@code vm10}), so the log and the wire write them the same way.
 * Immutable.
 */
public record VectorTime(Map<String, Long> counts) implements Stamp {

    public static final VectorTime EMPTY = new VectorTime(Map.of());

    /**
     * @throws IllegalArgumentException for a missing or empty VM name or a count outside
     *                                  {@code 1..LamportClock.MAX_MESSAGE_CLOCK}
     */
    @JsonCreator
    public VectorTime {
        TreeMap<String, Long> sorted = new TreeMap<>();
        counts.forEach((vm, count) -> {
            if (vm == null || vm.isEmpty()) {
                throw new IllegalArgumentException("a vector clock names no VM");
            }
            if (count == null || count < 1 || count > LamportClock.MAX_MESSAGE_CLOCK) {
                throw new IllegalArgumentException("a vector clock's count for " + vm + " must be between 1 and "
                        + LamportClock.MAX_MESSAGE_CLOCK + ", got " + count);
            }
            sorted.put(vm, count);
        });
        counts = Collections.unmodifiableMap(sorted);
    }

    @JsonValue
    @Override
    public Map<String, Long> counts() {
        return counts;
    }

    /** The count of {@code vm}, 0 when absent. */
    public long get(String vm) {
        Long count = counts.get(vm);
        return count == null ? 0 : count;
    }

    /** Whether every count here is at most the other's: this time is in the other's causal past or equal to it. */
    public boolean atMost(VectorTime other) {
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getValue() > other.get(entry.getKey())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ClockKind kind() {
        return ClockKind.VECTOR;
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
