package io.clocklab.core.analysis;

import java.util.List;
import java.util.Map;

/**
 * What the VMs still held when a run ended, as the coordinator collected it.
 *
 * @param queued      per VM, the message ids still in its queue
 * @param unconfirmed per sender, per recipient, the ids the recipient had not confirmed as queued
 */
public record EndState(Map<String, List<String>> queued, Map<String, Map<String, List<String>>> unconfirmed) {
}
