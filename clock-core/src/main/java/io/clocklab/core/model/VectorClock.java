package io.clocklab.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The vector clock rules, and the only place they are written down: a local event or a send
 * counts one more own event; a receive takes the larger count of every VM, then counts one own
 * event. Written by one thread (the ticker); {@link #value()} is an immutable snapshot.
 */
public final class VectorClock {

    private final String owner;
    private final Map<String, Long> counts = new HashMap<>();
    private volatile VectorTime value;

    /** @param from where a restarted machine left off; {@link VectorTime#EMPTY} at the start */
    public VectorClock(String owner, VectorTime from) {
        this.owner = Objects.requireNonNull(owner, "owner");
        counts.putAll(from.counts());
        value = from;
    }

    /** A local event or a send. */
    public VectorTime tick() {
        counts.merge(owner, 1L, Long::sum);
        return value = new VectorTime(counts);
    }

    /** A receive of a message that carried {@code message}. */
    public VectorTime receive(VectorTime message) {
        message.counts().forEach((vm, count) -> counts.merge(vm, count, Math::max));
        return tick();
    }

    public VectorTime value() {
        return value;
    }
}
