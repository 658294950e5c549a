package io.clocklab.vm.run;

import io.clocklab.core.model.TickSchedule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop on a virtual clock: parking jumps straight to the deadline, so nothing here waits. */
class TickLoopTest {

    private static final long SECOND = 1_000_000_000L;

    /** A monotonic clock that parking moves forward to the deadline at once. */
    static final class VirtualClock implements MonotonicClock {
        final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void parkUntil(long deadline) {
            now.accumulateAndGet(deadline, Math::max);
        }
    }

    @Test
    void aSixtySecondRunAtRateSixTicks360TimesOnTheGrid() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        List<Long> tickTimes = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);

        TickLoop.start("t", new TickSchedule(0, 6, 60 * SECOND), clock, () -> tickTimes.add(clock.nanoTime()),
                ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tickTimes).hasSize(360);
        assertThat(tickTimes.get(1) - tickTimes.get(0)).isEqualTo(SECOND / 6);
        assertThat(tickTimes.get(359)).isEqualTo(359 * SECOND / 6);
    }

    @Test
    void aStalledTickDropsTheMissedSlotsInsteadOfBurstingThemOut() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        List<Long> tickTimes = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);

        // rate 10 for 2 s; the 5th tick stalls for 0.55 s (5.5 periods)
        TickLoop.start("t", new TickSchedule(0, 10, 2 * SECOND), clock, () -> {
            tickTimes.add(clock.nanoTime());
            if (tickTimes.size() == 5) {
                clock.now.addAndGet(550_000_000L);
            }
        }, ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        // slot 4 ran at 0.4 s and ended at 0.95 s: slots 5-8 are gone, slot 9 runs late at 0.95 s, then the grid resumes
        assertThat(tickTimes).hasSize(20 - 4);
        assertThat(tickTimes.get(5)).isEqualTo(950_000_000L);
        assertThat(tickTimes.get(6)).isEqualTo(SECOND);
        for (int i = 1; i < tickTimes.size(); i++) {
            assertThat(tickTimes.get(i) - tickTimes.get(i - 1)).as("no two ticks closer than the late one").isGreaterThanOrEqualTo(50_000_000L);
        }
    }

    @Test
    void aFailingTickEndsTheLoopAndIsReported() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        CountDownLatch failed = new CountDownLatch(1);
        AtomicLong ticks = new AtomicLong();

        TickLoop.start("t", TickSchedule.endless(0, 5), clock, () -> {
            if (ticks.incrementAndGet() == 3) {
                throw new IllegalStateException("disk full");
            }
        }, () -> { }, e -> failed.countDown());

        assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ticks.get()).isEqualTo(3);
    }

    @Test
    void stopEndsAnEndlessLoopWithoutCallingTheEndHandler() {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicLong ticks = new AtomicLong();
        TickLoop loop = TickLoop.start("t", TickSchedule.endless(System.nanoTime(), 100), MonotonicClock.SYSTEM,
                ticks::incrementAndGet, ended::countDown, e -> { });

        loop.stop();
        long afterStop = ticks.get();

        assertThat(ended.getCount()).isEqualTo(1);
        assertThat(ticks.get()).isEqualTo(afterStop);
    }
}
