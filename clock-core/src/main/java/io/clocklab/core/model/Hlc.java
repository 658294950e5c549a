package io.clocklab.core.model;


/**
 * One hybrid logical time: {@code l}, the largest physical time (milliseconds since the epoch) the
 * event knows of, and {@code c}, the count of events since {@code l} last moved.
 */
public record Hlc(long l, long c) implements Stamp {

    public static final Hlc ZERO = new Hlc(0, 0);

    public Hlc {
        if (l < 0 || l > LamportClock.MAX_MESSAGE_CLOCK || c < 0 || c > LamportClock.MAX_MESSAGE_CLOCK) {
            throw new IllegalArgumentException("a hybrid time needs 0 <= l, c <= " + LamportClock.MAX_MESSAGE_CLOCK + ", got l " + l + " and c " + c);
        }
    }

    @Override
    public ClockKind kind() {
        return ClockKind.HYBRID;
    }
}
