package io.clocklab.vm.net;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * WARN lines that a flood cannot turn into a flood of lines: per key (a refusal's reason), at most
 * one line per period. The first occurrence is logged at once; later ones within the period are
 * only counted, and the next line that gets through says how many there were since the last one.
 * Thread-safe and lock-free: the accept thread calls it.
 */
final class ThrottledWarnings {

    private static final class State {
        final AtomicLong nextAt;
        final AtomicLong suppressed = new AtomicLong();

        State(long now) {
            nextAt = new AtomicLong(now);
        }
    }

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    ThrottledWarnings(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs {@code message} at WARN, unless a line for {@code key} went out less than a period ago:
     * then it is only counted, and reported with the next line.
     */
    void warn(String key, String message) {
        long now = nanoTime.getAsLong();
        State state = states.computeIfAbsent(key, k -> new State(now));
        long next = state.nextAt.get();
        if (now - next >= 0 && state.nextAt.compareAndSet(next, now + periodNanos)) {
            long more = state.suppressed.getAndSet(0);
            if (more == 0) {
                log.warn("{}", message);
            } else {
                log.warn("{} (and {} more {} since the last such line; at most one line per {} s)", message, more, key,
                        Duration.ofNanos(periodNanos).toSeconds());
            }
        } else {
            state.suppressed.incrementAndGet();
        }
    }
}
