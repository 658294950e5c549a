package io.clocklab.core.model;

/**
 * Lamport's rules, and the only place they are written down. Written by one thread (the ticker),
 * read by any (gauges, HTTP), hence the volatile.
 */
public final class LamportClock {

    private volatile long value;

    public LamportClock() {
        this(0);
    }

    /** A clock that goes on from {@code value}, e.g. the last value a restarted machine had logged. */
    public LamportClock(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a clock is never negative, got " + value);
        }
        this.value = value;
    }

    /** A local event or a send: {@code clock = clock + 1}. */
    public long tick() {
        return value = Math.incrementExact(value);
    }

    /** A receive: {@code clock = max(clock, messageClock) + 1}. */
    public long receive(long messageClock) {
        return value = Math.incrementExact(Math.max(value, messageClock));
    }

    public long value() {
        return value;
    }
}
