package io.clocklab.vm.net;

/**
 * How far this VM has got with one sender's messages in one run: what a RESUME and an ACK carry.
 *
 * @param queuedUpTo   Q: the highest send-seq from the sender that is (or was) in the queue
 * @param receivedUpTo R: the highest send-seq from the sender logged as RECEIVE; R <= Q
 */
public record DeliveryProgress(long queuedUpTo, long receivedUpTo) {

    public static final DeliveryProgress NONE = new DeliveryProgress(0, 0);
}
