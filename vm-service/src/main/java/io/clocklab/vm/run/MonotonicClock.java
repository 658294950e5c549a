package io.clocklab.vm.run;

import java.util.concurrent.locks.LockSupport;

/** The ticker's view of time: a monotonic nanosecond counter and a way to wait for it. */
public interface MonotonicClock {

    long nanoTime();

    /** Waits until {@code deadline} or until the thread is unparked; may return early. */
    void parkUntil(long deadline);

    /**
     * The clock for the calling thread to wait with, asked once on the ticker's own thread before its
     * first wait: it may make that thread's waits more exact. This clock itself by default.
     */
    default MonotonicClock forThisThread() {
        return this;
    }

    long TIGHT_SPIN_NANOS = 20_000;

    long DEFAULT_SPIN_NANOS = 80_000;

    /**
     * The system's clock. A park wakes up to the timer slack plus the wake-up late on Linux (about
     * 60 µs with the default 50 µs slack, 10-20 µs with the slack at its least), which at thousands of
     * ticks a second is much of a period: so the ticker's thread tightens its own {@link TimerSlack},
     * and the last stretch before a deadline is spun instead of parked, {@link #TIGHT_SPIN_NANOS} when
     * the slack is tight and {@link #DEFAULT_SPIN_NANOS} when it could not be changed (at most that
     * long, so a stop is still seen at once).
     */
    MonotonicClock SYSTEM = new SystemClock(DEFAULT_SPIN_NANOS);

    final class SystemClock implements MonotonicClock {

        private final long spinNanos;

        private SystemClock(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        /** A clock whose waits spin less, once this thread's timer slack is tight (the slack is per thread). */
        @Override
        public MonotonicClock forThisThread() {
            return TimerSlack.tightenForThisThread() ? new SystemClock(TIGHT_SPIN_NANOS) : this;
        }

        @Override
        public void parkUntil(long deadline) {
            long wait = deadline - System.nanoTime();
            if (wait > spinNanos) {
                LockSupport.parkNanos(this, wait - spinNanos);
                return;
            }
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
    }
}
