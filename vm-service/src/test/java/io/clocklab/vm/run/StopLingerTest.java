package io.clocklab.vm.run;

import io.clocklab.core.control.VmState;
import io.clocklab.vm.config.StopProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A VM told to stop while it ticks waits for the coordinator to end the run and collect, in virtual time. */
class StopLingerTest {

    /** Virtual time: waiting moves it on, and what is due by then happens. */
    static final class VirtualClock implements MonotonicClock {
        long now;
        final List<long[]> due = new ArrayList<>();
        final List<Runnable> actions = new ArrayList<>();

        void at(Duration when, Runnable action) {
            due.add(new long[]{when.toNanos()});
            actions.add(action);
        }

        @Override
        public long nanoTime() {
            return now;
        }

        /** Runs what is due up to the deadline in time order, each at its own time, then stops at the deadline. */
        @Override
        public void parkUntil(long deadline) {
            while (true) {
                int next = -1;
                for (int i = 0; i < due.size(); i++) {
                    if (due.get(i)[0] <= deadline && (next < 0 || due.get(i)[0] < due.get(next)[0])) {
                        next = i;
                    }
                }
                if (next < 0) {
                    break;
                }
                now = Math.max(now, due.get(next)[0]);
                due.get(next)[0] = Long.MAX_VALUE;
                actions.get(next).run();
            }
            now = Math.max(now, deadline);
        }
    }

    private final VirtualClock clock = new VirtualClock();
    private final AtomicReference<VmState> state = new AtomicReference<>(VmState.RUNNING);
    private final ControlActivity activity = new ControlActivity(clock);

    private StopLinger linger(Duration linger) {
        return new StopLinger(state::get, activity, clock, new StopProperties(linger, Duration.ofSeconds(5)));
    }

    @Test
    void itWaitsForTheRunToEndAndThenForTheCoordinatorsCallsToStop() {
        // the coordinator, shutting down too: stops the run at 1 s, waits its 3 s drain, reads the delivery state and the log until 4.5 s
        clock.at(Duration.ofMillis(1000), () -> {
            activity.touch();
            state.set(VmState.STOPPED);
        });
        clock.at(Duration.ofMillis(4000), activity::touch);
        clock.at(Duration.ofMillis(4500), activity::touch);

        String outcome = linger(Duration.ofSeconds(20)).await();

        assertThat(clock.now).as("the quiet 5 s after the last call").isEqualTo(Duration.ofMillis(9500).toNanos());
        assertThat(outcome).contains("the run ended 1000 ms after the stop was asked").contains("last call came 5000 ms ago");
    }

    @Test
    void aRunThatDoesNotEndIsLeftAfterTheLinger() {
        String outcome = linger(Duration.ofSeconds(5)).await();
        assertThat(clock.now).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(outcome).contains("did not end within 5 s");
    }

    @Test
    void aCollectionThatGoesOnIsCutAtTheLinger() {
        clock.at(Duration.ofMillis(500), () -> state.set(VmState.STOPPED));
        for (int i = 1; i <= 40; i++) {
            clock.at(Duration.ofMillis(3000L * i), activity::touch);
        }
        linger(Duration.ofSeconds(10)).await();
        assertThat(clock.now).isEqualTo(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void withoutALingerOrARunningRunItStopsAtOnce() {
        assertThat(linger(Duration.ZERO).await()).isNull();
        state.set(VmState.STOPPED);
        assertThat(linger(Duration.ofSeconds(20)).await()).isNull();
        state.set(VmState.WAITING);
        assertThat(linger(Duration.ofSeconds(20)).await()).isNull();
        assertThat(clock.now).isZero();
    }
}
