package io.clocklab.core.causality;

/**
 * Where one VM's clock growth came from: {@code ownEvents} is one per event it logged (each adds 1),
 * {@code fromReceives} the rest, what its RECEIVEs pulled it forward beyond that +1. Their sum is the
 * clock's last value less its first value before the first event (0 unless the log starts after a
 * restart). {@code receiveShare} is {@code fromReceives / (ownEvents + fromReceives)}, 0 without events.
 */
public record VmGrowth(String vm, long events, long lastClock, long ownEvents, long fromReceives, double receiveShare) {
}
