package io.clocklab.core.check;

/** The invariants every run's events must keep. */
public enum Rule {
    SEQ_CONTIGUOUS("seq runs 1, 2, 3 ... per VM with no gaps"),
    CLOCK_INCREASES("each VM's logical clock strictly increases"),
    UPDATE_RULE("SEND and INTERNAL set clock+1; RECEIVE sets max(clock, messageClock)+1"),
    RECEIVE_MATCHES_SEND("every RECEIVE matches a SEND from its sender, to its receiver, with the same clock, and ends later"),
    UNIQUE_MESSAGE_ID("each SEND has its own messageId"),
    NO_DUPLICATE_RECEIVE("no VM receives the same message twice"),
    CONSERVATION("once a run has finished, every message sent to a VM was received, or was still queued or unconfirmed"
            + " at the end, or the VM was down until the end; without the end state: the messages sent to each VM ="
            + " its RECEIVEs + what its queue still holds (messages sent within 1 s of its last event, or 10 s of an outage,"
            + " may go either way)"),
    RATE_LIMIT("a VM logs at most rate + 1 events in any 1-second window that does not overlap one of its outages: no bursts");

    private final String description;

    Rule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
