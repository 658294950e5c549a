package io.clocklab.core.check;

import io.clocklab.core.analysis.Outage;
import io.clocklab.core.model.Event;

import java.time.Duration;
import java.util.List;

/**
 * {@link Rule#RATE_LIMIT}: a VM at {@code rate} ticks per second logs at most {@code rate + 1}
 * events in any 1-second window, i.e. events {@code i - (rate + 1)} and {@code i} are at least
 * {@link #WINDOW} apart.
 * <p>
 * Why {@code + 1}: a tick runs somewhere inside its own period ({@code TickSchedule}), so tick k
 * happens in {@code [k/rate, (k+1)/rate)}. A tick late in its period followed by ticks on time
 * puts {@code rate + 1} events inside one second, which is honest jitter; {@code rate + 2} would
 * need two ticks in one period, which the schedule never does: a ticker that wakes after a slot's
 * period (paused, descheduled, after a slow tick) drops that slot rather than catching up, and it
 * starts consecutive ticks at least half a period apart. {@link #SLACK} absorbs timestamps cut to
 * microseconds and the wall clock being slewed while the schedule runs on the monotonic clock; a
 * real burst is far tighter than that.
 * One violation is reported per burst, at the first event that overflows.
 * <p>
 * A window that overlaps an outage of the VM is not judged: the VM was down, paused or cut off in
 * between, and what its events show around that time says nothing about its schedule.
 */
final class RateLimitRule {

    static final Duration WINDOW = Duration.ofSeconds(1);
    static final Duration SLACK = Duration.ofMillis(1);

    private RateLimitRule() {
    }

    /** @param outages the outages of this VM */
    static void check(String vm, int rate, List<Event> events, List<Outage> outages, List<Violation> violations) {
        int allowed = rate + 1;
        Duration shortest = WINDOW.minus(SLACK);
        boolean inBurst = false;
        for (int i = allowed; i < events.size(); i++) {
            Event first = events.get(i - allowed);
            Event event = events.get(i);
            Duration span = Duration.between(first.systemTime(), event.systemTime());
            boolean overflow = span.compareTo(shortest) < 0 && !straddlesAnOutage(first, event, outages);
            if (overflow && !inBurst) {
                violations.add(new Violation(Rule.RATE_LIMIT, vm, event.seq(), (allowed + 1) + " events (seq " + first.seq() + ".." + event.seq()
                        + ") within " + span.toNanos() / 1_000 / 1000.0 + " ms; at rate " + rate + " at most " + allowed
                        + " fit in any second"));
            }
            inBurst = overflow;
        }
    }

    private static boolean straddlesAnOutage(Event first, Event last, List<Outage> outages) {
        for (Outage outage : outages) {
            if (outage.overlaps(first.systemTime(), last.systemTime())) {
                return true;
            }
        }
        return false;
    }
}
