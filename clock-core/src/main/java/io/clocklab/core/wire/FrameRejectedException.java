package io.clocklab.core.wire;

/** An inbound frame that must not reach the queue. The connection that sent it gets closed. */
public final class FrameRejectedException extends Exception {

    private final RejectReason reason;

    public FrameRejectedException(RejectReason reason, String detail) {
        super(reason.tag() + ": " + detail);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
