package io.clocklab.vm.run;

import java.util.concurrent.locks.LockSupport;

/** The ticker's view of time: a monotonic nanosecond counter and a way to wait for it. */
public interface MonotonicClock {

    long nanoTime();

    /** Waits until {@code deadline} or until the thread is unparked; may return early. */
    void parkUntil(long deadline);

    /**
     * A park wakes up to about 60 µs late on Linux (the timer slack and the wake-up), which at
     * thousands of ticks a second is most of a period: so the last {@link #SPIN_NANOS} before a
     * deadline are spun instead (at most that long, so a stop is still seen at once).
     */
    long SPIN_NANOS = 80_000;

    MonotonicClock SYSTEM = new MonotonicClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadline) {
            long wait = deadline - System.nanoTime();
            if (wait > SPIN_NANOS) {
                LockSupport.parkNanos(this, wait - SPIN_NANOS);
                return;
            }
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
    };
}
