package io.clocklab.core.analysis;

/**
 * How far a VM's logical clock falls behind the cluster's leading clock over wall time. The gap at
 * an instant is {@code max over VMs of clock(t) - this VM's clock(t)}, each clock being the value
 * after its latest event at or before t.
 *
 * @param finalGap       the gap at the run's last event
 * @param maxGap         the largest gap seen
 * @param slopePerSecond least-squares slope of the gap against wall time
 */
public record DriftStats(long finalGap, long maxGap, double slopePerSecond) {
}
