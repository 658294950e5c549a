package io.clocklab.core.model;

/**
 * What a message carries besides its Lamport clock when a run uses another clock algorithm: a
 * {@link VectorTime} for {@link ClockKind#VECTOR}, an {@link Hlc} for {@link ClockKind#HYBRID}.
 * A Lamport run's messages carry none.
 */
public sealed interface Stamp permits VectorTime, Hlc {

    /** The algorithm whose time this is. */
    ClockKind kind();
}
