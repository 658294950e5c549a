package io.clocklab.core.analysis;

/**
 * A VM's message queue, as its events saw it ({@code queueLength} after each event).
 *
 * @param growthPerSecond          least-squares slope of queue length against wall time
 * @param predictedGrowthPerSecond the queueing model's slope for this VM ({@link QueueModel})
 */
public record QueueStats(int max, double mean, double growthPerSecond, double predictedGrowthPerSecond) {
}
