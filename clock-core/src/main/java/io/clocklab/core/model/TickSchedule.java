package io.clocklab.core.model;

/**
 * Fixed-rate ticks on a nominal grid: slot {@code k} is due at {@code start + k / rate} seconds.
 * A slot runs inside its own period or not at all, so a late tick never drags the grid (no drift)
 * and missed slots are dropped rather than squeezed in (no catch-up bursts). Times are nanoseconds
 * on any monotonic scale; slots at or after {@code end} do not run.
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

    /** When slot {@code k} is due. Computed from the start each time, so rounding never accumulates. */
    public long dueAt(long slot) {
        return startNanos + slot * NANOS_PER_SECOND / ticksPerSecond;
    }

    /** The slot whose period contains {@code nanos} (-1 before the start). */
    public long slotAt(long nanos) {
        return Math.floorDiv((nanos - startNanos) * ticksPerSecond, NANOS_PER_SECOND);
    }

    /** The slot to run after {@code lastSlot} ran (use -1 before the first), seen at {@code nowNanos}. */
    public long nextSlot(long lastSlot, long nowNanos) {
        return Math.max(lastSlot + 1, slotAt(nowNanos));
    }

    public boolean runs(long slot) {
        return slot >= 0 && dueAt(slot) < endNanos;
    }
}
