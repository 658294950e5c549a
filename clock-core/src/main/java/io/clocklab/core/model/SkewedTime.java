package io.clocklab.core.model;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The time a VM with clock skew reads: {@code base}'s, shifted by {@link ClockSkew#apply}, drifting
 * from the run's start instant ({@link #startsAt}). A live VM learns that instant only when its run
 * starts (a rejoining VM gets the run's original one, so its skewed time goes on where it was);
 * nothing ticks before, and read before it, the offset alone applies.
 */
public final class SkewedTime implements InstantSource {

    private final InstantSource base;
    private final ClockSkew skew;
    private volatile Instant origin;

    public SkewedTime(InstantSource base, ClockSkew skew) {
        this.base = Objects.requireNonNull(base, "base");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    /**
     * {@code base} as a VM with {@code skew} reads it in a run that starts at {@code origin}; {@code base}
     * itself when there is no skew, so that an unskewed VM reads its clock as before.
     */
    public static InstantSource of(InstantSource base, ClockSkew skew, Instant origin) {
        if (skew == null || skew.equals(ClockSkew.NONE)) {
            return base;
        }
        SkewedTime time = new SkewedTime(base, skew);
        time.startsAt(origin);
        return time;
    }

    /** The run's start instant: the drift's origin. */
    public void startsAt(Instant startAt) {
        origin = Objects.requireNonNull(startAt, "startAt");
    }

    @Override
    public Instant instant() {
        Instant now = base.instant();
        Instant from = origin;
        return skew.apply(now, from == null ? now : from);
    }
}
