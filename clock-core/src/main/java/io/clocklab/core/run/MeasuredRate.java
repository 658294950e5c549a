package io.clocklab.core.run;

import io.clocklab.core.model.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A VM's measured rate: events per second over its active span, {@code (events - 1) / (last
 * systemTime - first systemTime)}. n events on a tick grid span n - 1 tick periods, so this is the
 * tick rate itself, and a VM that started late or stopped early is not penalised for the time it
 * was not running. 0 with fewer than two events or a zero span (no rate can be seen).
 */
public final class MeasuredRate {

    private MeasuredRate() {
    }

    /** @param events one VM's events in seq order */
    public static double of(List<Event> events) {
        if (events.size() < 2) {
            return 0;
        }
        double span = seconds(Duration.between(events.get(0).systemTime(), events.get(events.size() - 1).systemTime()));
        return span <= 0 ? 0 : (events.size() - 1) / span;
    }

    /** The same from a VM's event count and its first and last event's systemTime (null when none). */
    public static double of(long count, Instant first, Instant last) {
        if (count < 2 || first == null || last == null) {
            return 0;
        }
        double span = seconds(Duration.between(first, last));
        return span <= 0 ? 0 : (count - 1) / span;
    }

    public static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
