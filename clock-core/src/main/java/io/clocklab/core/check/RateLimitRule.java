package io.clocklab.core.check;

import io.clocklab.core.model.ClockSkew;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.Outage;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
 * period (paused, descheduled, after a slow tick) drops that slot rather than catching up, a tick
 * that stamped its event past its own period keeps the next tick out of that period too, and
 * consecutive ticks are at least half a period apart. {@link #SLACK} absorbs timestamps cut to
 * microseconds and the wall clock being slewed while the schedule runs on the monotonic clock; a
 * real burst is far tighter than that.
 * One violation is reported per burst, at the first event that overflows.
 * <p>
 * A VM whose clock drifts ({@code ClockSkew.driftPpm}) logs its own time: one true second is
 * {@code 1 + driftPpm / 10^6} of its seconds, and the window is measured in those.
 * <p>
 * A window that overlaps an outage of the VM is not judged: the VM was down, paused or cut off in
 * between, and what its events show around that time says nothing about its schedule.
 * <p>
 * Streaming: a {@link Window} holds the times of the VM's last {@code rate + 1} events (rates are
 * bounded by configuration), growing to that only as events come.
 */
final class RateLimitRule {

    static final Duration WINDOW = Duration.ofSeconds(1);
    static final Duration SLACK = Duration.ofMillis(1);

    private RateLimitRule() {
    }

    /** One VM's log, fed event by event in seq order. */
    static final class Window {
        private final String vm;
        private final int vmRank;
        private final int rate;
        private final int allowed;
        private final List<Outage> outages;
        private Instant[] times = new Instant[16];
        private long[] seqs = new long[16];
        private int head; // the oldest of the last `allowed` events
        private int size;
        private boolean inBurst;
        private final long shortestNanos;

        /**
         * @param outages the outages of this VM
         * @param skew    how its clock was set off
         */
        Window(String vm, int vmRank, int rate, List<Outage> outages, ClockSkew skew) {
            this.shortestNanos = Math.round(WINDOW.toNanos() * (1 + skew.driftPpm() / 1_000_000)) - SLACK.toNanos();
            this.vm = vm;
            this.vmRank = vmRank;
            this.rate = rate;
            this.allowed = rate + 1;
            this.outages = outages;
        }

        void add(Event event, Violations violations) {
            if (size < allowed) {
                if (size == times.length) {
                    int capacity = (int) Math.min(allowed, times.length * 2L);
                    times = Arrays.copyOf(times, capacity);
                    seqs = Arrays.copyOf(seqs, capacity);
                }
                times[size] = event.systemTime();
                seqs[size] = event.seq();
                size++;
                return;
            }
            Instant first = times[head];
            long firstSeq = seqs[head];
            Instant at = event.systemTime();
            boolean overflow = shorterThanAllowed(first, at) && !straddlesAnOutage(first, at);
            if (overflow && !inBurst) {
                violations.report(Rule.RATE_LIMIT, vmRank, vm, event.seq(), () -> (allowed + 1) + " events (seq " + firstSeq + ".."
                        + event.seq() + ") within " + millis(first, at) + " ms; at rate " + rate + " at most " + allowed
                        + " fit in any second");
            }
            inBurst = overflow;
            times[head] = at;
            seqs[head] = event.seq();
            head = head + 1 == allowed ? 0 : head + 1;
        }

        private boolean shorterThanAllowed(Instant first, Instant last) {
            long seconds = last.getEpochSecond() - first.getEpochSecond();
            if (seconds > 2) {
                return false;
            }
            if (seconds < -2) {
                return true;
            }
            return seconds * 1_000_000_000L + (last.getNano() - first.getNano()) < shortestNanos;
        }

        private static String millis(Instant first, Instant last) {
            Duration span = Duration.between(first, last);
            // as the rule always wrote it; a span too large for nanoseconds (a log years off) in whole seconds
            return Math.abs(span.getSeconds()) < 9_000_000_000L ? String.valueOf(span.toNanos() / 1_000 / 1000.0) : span.getSeconds() + "000.0";
        }

        private boolean straddlesAnOutage(Instant first, Instant last) {
            for (Outage outage : outages) {
                if (outage.overlaps(first, last)) {
                    return true;
                }
            }
            return false;
        }
    }
}
