package io.clocklab.vm.net;

import io.clocklab.core.model.Message;
import io.clocklab.core.wire.FrameRejectedException;

import java.util.function.BooleanSupplier;

/**
 * Where the side port hands what its connections read: the VM's current run ({@code VmRuntime}).
 * The side port decodes and checks frames; this decides what a run does with them.
 */
public interface Inbound {

    /**
     * A sender's HELLO: how far this VM has got with its messages in that run.
     *
     * @throws FrameRejectedException wrong_run when this VM does not hold that run; unknown_sender when
     *                                the sender is not one of that run's peers (this VM itself included)
     */
    DeliveryProgress hello(String runId, String sender) throws FrameRejectedException;

    /** The progress to ACK on a connection of {@code runId}, or null when that is no longer the run. */
    DeliveryProgress progress(String runId, String sender);

    /**
     * Queues a message if it belongs to the current run and is new; while the queue is full, waits
     * (the connection reads nothing meanwhile) until there is room or {@code stillOpen} says false.
     *
     * @throws FrameRejectedException wrong_run when the message is not of the current run,
     *                                clock_out_of_range when its clock is above the ceiling
     */
    Delivery deliver(Message message, BooleanSupplier stillOpen) throws FrameRejectedException;

    /** What became of a message handed to {@link #deliver}. */
    enum Delivery {
        /** In the queue. */
        QUEUED,
        /** Already queued or received: dropped. */
        DUPLICATE,
        /**
         * Not queued: while it waited for room in the full queue its connection closed, its run
         * stopped or another run was set up. The connection should end; the sender still has it.
         */
        GAVE_UP
    }
}
