package io.clocklab.core.model;

/**
 * Fixed-rate ticks on a nominal grid: slot {@code k} is due at {@code start + k / rate} seconds
 * ({@link #dueAt}, integer nanoseconds computed from the start, so the grid never drifts) and its
 * period is {@code [dueAt(k), dueAt(k + 1))}. Times are nanoseconds on any monotonic scale; slots
 * due at or after {@code end} do not run.
 *
 * <p><b>The rule</b>, which a ticker follows with {@link #first}, {@link #slotToRunAt} and
 * {@link #after}:
 * <ul>
 *   <li>A slot runs inside its own period or not at all. A ticker that wakes after the end of the
 *       period it waited for (paused, descheduled, or held up by a slow tick) drops that slot and
 *       runs the slot whose period it woke in, at once. Missed slots are never squeezed in.</li>
 *   <li>A tick holds every period it was running in. A tick stamps its event somewhere between its
 *       start and its end, so after a tick that ended at {@code t} the next runs in a slot after the
 *       one whose period holds {@code t}: a tick held up past the end of its own period (paused,
 *       descheduled, collected) takes the next period too.</li>
 *   <li>Two consecutive ticks are at least half a period apart ({@link #halfPeriodNanos}): after a
 *       tick that ended at {@code t}, the next runs in the first such slot whose period still holds
 *       a time at or after {@code t + period / 2}, at its due time or at that bound, whichever is
 *       later. So a tick late in its period pushes the next one back, never bunches up with it.</li>
 * </ul>
 * Together: the events of consecutive ticks are stamped in strictly later periods, whenever inside
 * its tick each was stamped, so at most {@code rate + 1} events fall in any second, and a late,
 * paused or stalled ticker never bursts. On time (as the simulator is, a tick taking no time),
 * every slot runs at its due time.
 */
public record TickSchedule(long startNanos, int ticksPerSecond, long endNanos) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public TickSchedule {
        if (ticksPerSecond < 1) {
            throw new IllegalArgumentException("the rate must be at least 1 tick per second, got " + ticksPerSecond);
        }
    }

    public static TickSchedule endless(long startNanos, int ticksPerSecond) {
        return new TickSchedule(startNanos, ticksPerSecond, Long.MAX_VALUE);
    }

    /**
     * The next tick to run: slot {@code slot}, not before {@code atNanos}, which is inside the slot's
     * period. If the ticker only gets to it later, {@link #slotToRunAt} says what runs instead.
     */
    public record Next(long slot, long atNanos) {
    }

    /** When slot {@code k} is due. Computed from the start each time, so rounding never accumulates. */
    public long dueAt(long slot) {
        return startNanos + slot * NANOS_PER_SECOND / ticksPerSecond;
    }

    /** When the period of slot {@code k} ends: when slot {@code k + 1} is due. */
    public long periodEnd(long slot) {
        return dueAt(slot + 1);
    }

    /**
     * The slot whose period contains {@code nanos} (-1 before the start): the last slot due at or
     * before it, exactly as {@link #dueAt} rounds.
     */
    public long slotAt(long nanos) {
        // dueAt(k) <= nanos  <=>  floor(k * 1e9 / rate) <= d  <=>  k * 1e9 < (d + 1) * rate
        long d = nanos - startNanos;
        return Math.floorDiv((d + 1) * ticksPerSecond - 1, NANOS_PER_SECOND);
    }

    /** Half a period, rounded up: consecutive ticks start at least this far apart. */
    public long halfPeriodNanos() {
        long twice = 2L * ticksPerSecond;
        return (NANOS_PER_SECOND + twice - 1) / twice;
    }

    /**
     * The first tick of a ticker ready at {@code nowNanos}: slot 0 before the start, otherwise the
     * slot whose period contains {@code nowNanos} (earlier slots are gone), at its due time.
     */
    public Next first(long nowNanos) {
        long slot = Math.max(0, slotAt(nowNanos));
        return new Next(slot, dueAt(slot));
    }

    /**
     * The tick after slot {@code slot}, which ended at {@code endedNanos}: in a slot after both
     * {@code slot} and the slot whose period holds {@code endedNanos} (the tick may have stamped its
     * event anywhere up to its end), not before {@code endedNanos + halfPeriodNanos()}, in the first
     * such slot whose period still holds such a time, at its due time or that bound, whichever is
     * later. The answer is inside its slot's period.
     */
    public Next after(long slot, long endedNanos) {
        long notBefore = endedNanos + halfPeriodNanos();
        long next = Math.max(Math.max(slot, slotAt(endedNanos)) + 1, slotAt(notBefore));
        return new Next(next, Math.max(dueAt(next), notBefore));
    }

    /**
     * The ticker waited for {@code next} and it is now {@code nowNanos} (at or after
     * {@code next.atNanos()}): the slot to run now. That is {@code next}'s slot while its period
     * lasts; once its period is over the slot is dropped, and the slot whose period contains
     * {@code nowNanos} runs now instead (it may not {@link #runs run} at all if the schedule has ended).
     */
    public long slotToRunAt(Next next, long nowNanos) {
        if (nowNanos < next.atNanos()) {
            throw new IllegalArgumentException("slot " + next.slot() + " may not start before " + next.atNanos() + ", it is " + nowNanos);
        }
        return nowNanos < periodEnd(next.slot()) ? next.slot() : slotAt(nowNanos);
    }

    public boolean runs(long slot) {
        return slot >= 0 && dueAt(slot) < endNanos;
    }
}
