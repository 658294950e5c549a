package io.clocklab.core.analysis;

/**
 * A VM's messages. A SEND to every peer counts once per recipient.
 *
 * @param sent          messages this VM sent
 * @param addressedHere messages the other VMs sent to this VM
 * @param received      RECEIVE events of this VM
 * @param queued        messages still waiting in its queue after its last event
 */
public record MessageCounts(long sent, long addressedHere, long received, long queued) {
}
