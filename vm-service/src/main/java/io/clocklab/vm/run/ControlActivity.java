package io.clocklab.vm.run;

import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/** When the coordinator last called this VM's control API ({@code /internal/**}), on the monotonic clock. */
@Component
public class ControlActivity {

    private final MonotonicClock clock;
    private final AtomicLong last;

    public ControlActivity(MonotonicClock clock) {
        this.clock = clock;
        this.last = new AtomicLong(clock.nanoTime());
    }

    public void touch() {
        last.set(clock.nanoTime());
    }

    public long lastNanos() {
        return last.get();
    }
}
