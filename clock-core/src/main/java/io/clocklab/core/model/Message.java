package io.clocklab.core.model;


import java.util.Objects;

/**
 * A message between machines: what travels in a frame and waits in a receiver's queue.
 *
 * @param clock the sender's clock after its SEND
 * @param stamp the sender's vector or hybrid time after its SEND, in runs with such a clock; else null
 */
public record Message(String runId, String from, String messageId, long clock, Stamp stamp) {
    public Message {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(messageId, "messageId");
        if (clock < 0) {
            throw new IllegalArgumentException("clock must not be negative: " + clock);
        }
    }

    /** A Lamport run's message. */
    public Message(String runId, String from, String messageId, long clock) {
        this(runId, from, messageId, clock, null);
    }
}
