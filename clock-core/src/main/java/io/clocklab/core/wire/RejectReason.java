package io.clocklab.core.wire;

import java.util.Locale;

/** Why an inbound frame was refused; {@link #tag()} is the {@code reason} label of the metric. */
public enum RejectReason {
    /** Truncated, inconsistent lengths, bad UTF-8, empty fields, a negative clock. */
    MALFORMED,
    /** The length prefix is over the limit; the body is never read. */
    OVERSIZED,
    /** A protocol version this build does not speak. */
    UNSUPPORTED_VERSION,
    /** The HMAC tag does not match: wrong secret, or tampered bytes. */
    UNAUTHENTICATED,
    /** Authentic, but for a run other than the receiver's current one. */
    WRONG_RUN;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
