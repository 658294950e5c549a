package io.clocklab.core.wire;

/**
 * An inbound frame that must not reach the queue. The connection that sent it gets closed. A refusal
 * is an expected outcome, not a bug: its reason and detail say everything, so it carries no stack
 * trace, which keeps refusing a flood of hostile frames cheap (docs/protocol.md).
 */
public final class FrameRejectedException extends Exception {

    private final RejectReason reason;

    public FrameRejectedException(RejectReason reason, String detail) {
        super(reason.tag() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
