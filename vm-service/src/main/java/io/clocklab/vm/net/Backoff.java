package io.clocklab.vm.net;

import java.time.Duration;

/** Exponential reconnect waits: {@code min}, doubling, capped at {@code max}. */
record Backoff(Duration min, Duration max) {

    Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
        }
    }

    Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
