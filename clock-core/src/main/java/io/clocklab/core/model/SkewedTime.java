package io.clocklab.core.model;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** The time a VM with clock skew reads: {@code base}'s, shifted by {@link ClockSkew#apply}. */
public record SkewedTime(InstantSource base, ClockSkew skew, Instant origin) implements InstantSource {

    public SkewedTime {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(skew, "skew");
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code base} itself when there is no skew, so that an unskewed VM reads its clock as before. */
    public static InstantSource of(InstantSource base, ClockSkew skew, Instant origin) {
        return skew == null || skew.equals(ClockSkew.NONE) ? base : new SkewedTime(base, skew, origin);
    }

    @Override
    public Instant instant() {
        return skew.apply(base.instant(), origin);
    }
}
