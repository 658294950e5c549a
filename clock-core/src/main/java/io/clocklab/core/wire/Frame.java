package io.clocklab.core.wire;

import io.clocklab.core.model.Message;

import java.util.Objects;

/**
 * The side port's frames (protocol version 2, docs/protocol.md). A connector opens with
 * {@link Hello}; the acceptor answers {@link Resume}, then the connector streams
 * {@link MessageFrame}s and the acceptor answers with {@link Ack}s.
 */
public sealed interface Frame {

    /** The run the frame belongs to. */
    String runId();

    Type type();

    /** The type byte of each frame, as it travels. */
    enum Type {
        HELLO(1), RESUME(2), MESSAGE(3), ACK(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** @return null for a code that is no type */
        public static Type of(int code) {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            return null;
        }
    }

    /** Connector to acceptor, first frame: binds the connection to (run, sender). */
    record Hello(String runId, String sender, String recipient) implements Frame {
        public Hello {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(recipient, "recipient");
        }

        @Override
        public Type type() {
            return Type.HELLO;
        }
    }

    /**
     * Acceptor to connector, the answer to a {@link Hello}: how far the acceptor has got with this
     * sender's messages.
     *
     * @param queuedUpTo   Q: the highest send-seq from this sender that the acceptor has queued
     * @param receivedUpTo R: the highest send-seq from this sender logged as RECEIVE (durable); R <= Q
     */
    record Resume(String runId, long queuedUpTo, long receivedUpTo) implements Frame {
        public Resume {
            Objects.requireNonNull(runId, "runId");
            checkProgress(queuedUpTo, receivedUpTo);
        }

        @Override
        public Type type() {
            return Type.RESUME;
        }
    }

    /** Connector to acceptor: one message, as v1 carried it. */
    record MessageFrame(Message message) implements Frame {
        public MessageFrame {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String runId() {
            return message.runId();
        }

        @Override
        public Type type() {
            return Type.MESSAGE;
        }
    }

    /** Acceptor to connector, whenever Q or R changed: the same two numbers as {@link Resume}. */
    record Ack(String runId, long queuedUpTo, long receivedUpTo) implements Frame {
        public Ack {
            Objects.requireNonNull(runId, "runId");
            checkProgress(queuedUpTo, receivedUpTo);
        }

        @Override
        public Type type() {
            return Type.ACK;
        }
    }

    private static void checkProgress(long queuedUpTo, long receivedUpTo) {
        if (receivedUpTo < 0 || queuedUpTo < receivedUpTo) {
            throw new IllegalArgumentException("need 0 <= receivedUpTo <= queuedUpTo, got Q " + queuedUpTo + " and R " + receivedUpTo);
        }
    }
}
