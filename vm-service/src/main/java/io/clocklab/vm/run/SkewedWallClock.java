package io.clocklab.vm.run;

import io.clocklab.core.model.ClockSkew;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The time a VM reads in a run with clock skew: the wall clock through {@link ClockSkew#apply},
 * drifting from the run's start instant, which is known only when the run starts (a rejoining VM
 * gets the run's original start, so its skewed time goes on where it was). Nothing ticks before
 * the start; read before it, the offset alone applies.
 */
final class SkewedWallClock implements InstantSource {

    private final InstantSource wallClock;
    private final ClockSkew skew;
    private volatile Instant origin;

    SkewedWallClock(InstantSource wallClock, ClockSkew skew) {
        this.wallClock = wallClock;
        this.skew = skew;
    }

    void startsAt(Instant startAt) {
        origin = startAt;
    }

    @Override
    public Instant instant() {
        Instant now = wallClock.instant();
        Instant from = origin;
        return skew.apply(now, from == null ? now : from);
    }
}
