package io.clocklab.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How far a VM's physical clock is off (the run parameter {@code clockSkew.<vm>}): {@code offsetMillis}
 * ahead (negative: behind) at the run's start, and from then on gaining {@code driftPpm} microseconds
 * per second (negative: losing). What the VM reads, and so logs as {@code systemTime} and uses as
 * the hybrid clock's {@code pt}, is {@link #apply}'s time. A pure value: the live VM, the simulator
 * and a later fault injection all shift time through {@link #apply} alone.
 */
public record ClockSkew(long offsetMillis, double driftPpm) {

    public static final ClockSkew NONE = new ClockSkew(0, 0);
    /** One hour either way: far beyond any clock a lab would want, near enough to keep arithmetic plain. */
    public static final long MAX_OFFSET_MILLIS = 3_600_000;
    /** 10 % either way: a clock this far off still moves forward. */
    public static final double MAX_DRIFT_PPM = 100_000;

    /** @throws IllegalArgumentException naming the bad values */
    public ClockSkew {
        List<String> problems = problems(offsetMillis, driftPpm);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Everything wrong with these values; empty when they make a skew. */
    public static List<String> problems(long offsetMillis, double driftPpm) {
        List<String> problems = new ArrayList<>();
        if (Math.abs(offsetMillis) > MAX_OFFSET_MILLIS) {
            problems.add("offsetMillis must be between -" + MAX_OFFSET_MILLIS + " and " + MAX_OFFSET_MILLIS + ", got " + offsetMillis);
        }
        if (!(Math.abs(driftPpm) <= MAX_DRIFT_PPM)) {
            problems.add("driftPpm must be between -" + (long) MAX_DRIFT_PPM + " and " + (long) MAX_DRIFT_PPM + ", got " + driftPpm);
        }
        return problems;
    }

    /** The time a skewed clock shows at true time {@code physical}, in a run that started at {@code origin}. */
    public Instant apply(Instant physical, Instant origin) {
        if (this.equals(NONE)) {
            return physical;
        }
        return physical.plusNanos(offsetNanos(Duration.between(origin, physical)));
    }

    /** How far ahead this clock is, {@code elapsed} after the run's start, in nanoseconds. */
    public long offsetNanos(Duration elapsed) {
        return offsetMillis * 1_000_000 + Math.round(elapsed.toNanos() * (driftPpm / 1_000_000));
    }

    /**
     * ε: the largest gap between any two of these clocks (one per VM, {@link #NONE} for an unskewed one)
     * over a run of {@code length}, in whole milliseconds, rounded up. The gaps move linearly in
     * time, so the largest is at the start or the end.
     */
    public static long epsilonMillis(Collection<ClockSkew> skews, Duration length) {
        long widest = 0;
        for (Duration at : List.of(Duration.ZERO, length)) {
            long most = Long.MIN_VALUE;
            long least = Long.MAX_VALUE;
            for (ClockSkew skew : skews) {
                long offset = skew.offsetNanos(at);
                most = Math.max(most, offset);
                least = Math.min(least, offset);
            }
            widest = Math.max(widest, skews.isEmpty() ? 0 : most - least);
        }
        return (Math.max(0, widest) + 999_999) / 1_000_000;
    }
}
