package io.clocklab.core.check;

/**
 * One (SEND, recipient) pair that was not received by the end of the run, and why that is not a loss.
 *
 * @param messageId the SEND's messageId
 * @param from      the sender
 * @param to        the recipient
 */
public record Undelivered(String messageId, String from, String to, Reason reason) {

    /** Why a message was not received although it was not lost. */
    public enum Reason {
        QUEUED("the recipient's queue still held it when the run ended"),
        IN_TRANSIT("the recipient had not confirmed it when the run ended"),
        RECIPIENT_DOWN("the recipient was down until the run ended");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
