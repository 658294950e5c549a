package io.clocklab.core.wire;

import java.util.Locale;

/** Why an inbound frame was refused; {@link #tag()} is the {@code reason} label of the metric. */
public enum RejectReason {
    /** Truncated, inconsistent lengths, an unknown type, bad UTF-8, empty fields, negative numbers. */
    MALFORMED,
    /** The length prefix is over the limit; the body is never read. */
    OVERSIZED,
    /** A protocol version this build does not speak (v1 included). */
    UNSUPPORTED_VERSION,
    /** The HMAC tag does not match: wrong secret, or tampered bytes. */
    UNAUTHENTICATED,
    /** Authentic, but for a run other than the receiver's current one (or the connection's). */
    WRONG_RUN,
    /** A frame out of its place: no HELLO first, a second HELLO, or a frame only the other side sends. */
    UNEXPECTED_FRAME,
    /** A HELLO addressed to another VM (a stale address). */
    WRONG_RECIPIENT,
    /**
     * An authentic MESSAGE whose clock is above {@link io.clocklab.core.model.LamportClock#MAX_MESSAGE_CLOCK}
     * (2^62): receiving it could bring the receiver's clock near overflow.
     */
    CLOCK_OUT_OF_RANGE,
    /** A HELLO whose sender is not one of the receiver's current run's peers, or is the receiver itself. */
    UNKNOWN_SENDER,
    /** A MESSAGE whose sender is not the connection's, or whose id is not {@code <sender>-<n>}. */
    SENDER_MISMATCH,
    /** A MESSAGE already queued (its seq is not above Q): dropped, the connection stays open. */
    DUPLICATE,
    /**
     * An authentic MESSAGE whose time is not of the run's clock algorithm (a vector or hybrid time in
     * a Lamport run, none in a vector run, ...), or whose vector counts a VM not in the run.
     */
    WRONG_CLOCK;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
