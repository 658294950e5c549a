package io.clocklab.core.model;

/**
 * Lamport's rules, and the only place they are written down. Written by one thread (the ticker),
 * read by any (gauges, HTTP), hence the volatile.
 */
public final class LamportClock {

    /**
     * The largest clock a message from another machine may carry: 2^62. A receiver refuses anything
     * above it ({@code clock_out_of_range} on the side port), so its own clock stays at most this
     * plus the number of its own events, and {@code +1} can never overflow a {@code long}: the gap
     * to {@link Long#MAX_VALUE} is another 2^62 ticks, about 146 million years at 1,000 ticks/s. No
     * real run comes near it either: from 0, a run at 1,000 ticks/s needs those same 146 million
     * years to reach it. The one home of this limit; docs/protocol.md quotes it.
     */
    public static final long MAX_MESSAGE_CLOCK = 1L << 62;

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

    /** Whether another machine's clock may be received: {@code 0 <= clock <= MAX_MESSAGE_CLOCK}. */
    public static boolean acceptable(long messageClock) {
        return messageClock >= 0 && messageClock <= MAX_MESSAGE_CLOCK;
    }

    /**
     * A receive: {@code clock = max(clock, messageClock) + 1}. Callers receive only
     * {@link #acceptable} clocks; the exact arithmetic stays as a last guard, so an overflow could
     * never wrap into a negative clock.
     */
    public long receive(long messageClock) {
        return value = Math.incrementExact(Math.max(value, messageClock));
    }

    public long value() {
        return value;
    }

    /**
     * How far an event moved the clock: for a RECEIVE, its jump (1 when the message brought nothing
     * newer, more when it pulled the clock forward); for a SEND or an INTERNAL event, always 1.
     */
    public static long jump(long clockBefore, Event event) {
        return event.logicalClock() - clockBefore;
    }
}
