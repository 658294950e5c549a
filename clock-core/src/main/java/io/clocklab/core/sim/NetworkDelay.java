package io.clocklab.core.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a simulated message travels: drawn uniformly from {@code [min, max]} (nanoseconds, both
 * ends included) for each copy of each message, from the run's seeded network generator.
 */
public record NetworkDelay(Duration min, Duration max) {

    /** Longer than any network a lab would model; it also keeps nanosecond arithmetic far from overflow. */
    public static final Duration LONGEST = Duration.ofDays(1);

    /** About a millisecond, like a busy local network: 0.5 ms to 1.5 ms. */
    public static final NetworkDelay DEFAULT = between(Duration.ofNanos(500_000), Duration.ofNanos(1_500_000));

    public NetworkDelay {
        Objects.requireNonNull(min, "networkDelay.min");
        Objects.requireNonNull(max, "networkDelay.max");
        if (min.isNegative()) {
            throw new IllegalArgumentException("networkDelay.min must not be negative, got " + min);
        }
        if (max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("networkDelay.max must be at most " + LONGEST + ", got " + max);
        }
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("networkDelay.min (" + min + ") must not be greater than networkDelay.max (" + max + ")");
        }
    }

    public static NetworkDelay fixed(Duration delay) {
        return new NetworkDelay(delay, delay);
    }

    public static NetworkDelay between(Duration min, Duration max) {
        return new NetworkDelay(min, max);
    }

    public boolean isFixed() {
        return min.equals(max);
    }

    /** One delay in nanoseconds. A fixed delay draws nothing, so it leaves the generator untouched. */
    long drawNanos(RandomGenerator network) {
        long low = min.toNanos();
        long high = max.toNanos();
        return low == high ? low : network.nextLong(low, high + 1);
    }
}
