package io.clocklab.vm.run;

import java.util.concurrent.locks.LockSupport;

/** The ticker's view of time: a monotonic nanosecond counter and a way to wait for it. */
public interface MonotonicClock {

    long nanoTime();

    /** Waits until {@code deadline} or until the thread is unparked; may return early. */
    void parkUntil(long deadline);

    MonotonicClock SYSTEM = new MonotonicClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadline) {
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    };
}
