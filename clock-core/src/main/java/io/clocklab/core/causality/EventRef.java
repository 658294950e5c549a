package io.clocklab.core.causality;

import java.time.Instant;

/** Names one logged event: its VM and seq, with its Lamport clock and wall time for reading. */
public record EventRef(String vm, long seq, long logicalClock, Instant systemTime) {
}
