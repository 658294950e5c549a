package io.clocklab.core.sim;

import java.time.Instant;
import java.time.InstantSource;

/** The simulation's only time: set by the scheduler before each tick, read by the machine. */
final class VirtualClock implements InstantSource {

    private final long startSeconds;
    private final long startNanos;
    private long nanosSinceStart;

    VirtualClock(Instant start) {
        this.startSeconds = start.getEpochSecond();
        this.startNanos = start.getNano();
    }

    void set(long nanosSinceStart) {
        this.nanosSinceStart = nanosSinceStart;
    }

    @Override
    public Instant instant() {
        // ofEpochSecond carries the nanoseconds over into seconds itself
        return Instant.ofEpochSecond(startSeconds, startNanos + nanosSinceStart);
    }
}
