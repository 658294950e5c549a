package io.clocklab.core.causality;

/**
 * Two events that Lamport's clock puts in an order ({@code lower.logicalClock < higher.logicalClock})
 * although neither happened before the other: they are concurrent, and the order is the clock's
 * invention. {@code gap} is the difference of their clocks.
 */
public record FalseOrdering(EventRef lower, EventRef higher, long gap) {
}
