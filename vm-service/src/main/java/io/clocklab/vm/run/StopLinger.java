package io.clocklab.vm.run;

import io.clocklab.core.control.VmState;
import io.clocklab.vm.config.StopProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * When the VM is told to stop while it ticks in a run, it keeps serving (the context is closing,
 * but the web server stops only after this returns) until the coordinator has ended the run and
 * gone quiet (its collection of this VM's log done), at most {@code clocklab.vm.stop.linger}.
 * First among the listeners of the close, so a leased name is given back only after.
 */
@Component
public class StopLinger {

    private static final Logger log = LoggerFactory.getLogger(StopLinger.class);
    private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();

    private final Supplier<VmState> state;
    private final ControlActivity activity;
    private final MonotonicClock clock;
    private final Duration linger;
    private final Duration quiet;

    @Autowired
    StopLinger(VmRuntime runtime, ControlActivity activity, MonotonicClock clock, StopProperties properties) {
        this(() -> runtime.view().state(), activity, clock, properties);
    }

    StopLinger(Supplier<VmState> state, ControlActivity activity, MonotonicClock clock, StopProperties properties) {
        this.state = state;
        this.activity = activity;
        this.clock = clock;
        this.linger = properties.linger();
        this.quiet = properties.quiet();
    }

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onClose() {
        String outcome = await();
        if (outcome != null) {
            log.info(outcome);
        }
    }

    /** @return what it waited for, or null when it did not wait */
    String await() {
        if (linger.isZero() || linger.isNegative() || state.get() != VmState.RUNNING) {
            return null;
        }
        long start = clock.nanoTime();
        long deadline = start + linger.toNanos();
        while (state.get() == VmState.RUNNING) {
            if (clock.nanoTime() >= deadline) {
                return "stopping while the run still runs: it did not end within " + linger.toSeconds() + " s (clocklab.vm.stop.linger)";
            }
            clock.parkUntil(Math.min(deadline, clock.nanoTime() + POLL_NANOS));
        }
        long ended = clock.nanoTime();
        while (clock.nanoTime() - activity.lastNanos() < quiet.toNanos() && clock.nanoTime() < deadline) {
            clock.parkUntil(Math.min(deadline, activity.lastNanos() + quiet.toNanos()));
        }
        return "stopping: the run ended " + Duration.ofNanos(ended - start).toMillis() + " ms after the stop was asked, and the"
                + " coordinator's last call came " + Duration.ofNanos(clock.nanoTime() - activity.lastNanos()).toMillis() + " ms ago";
    }
}
