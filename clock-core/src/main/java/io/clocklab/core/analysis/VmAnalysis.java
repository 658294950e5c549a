package io.clocklab.core.analysis;

/**
 * One VM's statistics over one run.
 *
 * @param clockRate    the rate it was given, ticks per second
 * @param measuredRate events per second between its first and last event
 */
public record VmAnalysis(String vm, int clockRate, double measuredRate, long events, long sends, long receives,
                         long internals, long finalClock, JumpStats jumps, DriftStats drift, QueueStats queue,
                         MessageCounts messages) {
}
