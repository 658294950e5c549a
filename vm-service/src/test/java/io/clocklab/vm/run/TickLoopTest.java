package io.clocklab.vm.run;

import io.clocklab.core.model.TickSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop on a virtual clock: parking jumps straight to the deadline, so nothing here waits. */
class TickLoopTest {

    private static final long SECOND = 1_000_000_000L;

    /**
     * A monotonic clock that parking moves forward at once: to the deadline, or to when {@link #wakeUp}
     * says the parked thread wakes (late: paused, descheduled).
     */
    static final class VirtualClock implements MonotonicClock {
        final AtomicLong now = new AtomicLong();
        volatile LongUnaryOperator wakeUp = deadline -> deadline;

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void parkUntil(long deadline) {
            long woke = wakeUp.applyAsLong(deadline);
            now.accumulateAndGet(Math.max(deadline, woke), Math::max);
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
        // slot 4 ran at 0.4 s and ended at 0.95 s: the next tick may start half a period after that end,
        // at 1.0 s, so slots 5-9 are gone and the grid resumes with slot 10
        assertThat(tickTimes).hasSize(20 - 5);
        assertThat(tickTimes.get(5)).isEqualTo(SECOND);
        assertThat(tickTimes.get(6)).isEqualTo(1_100_000_000L);
        for (int i = 1; i < tickTimes.size(); i++) {
            assertThat(tickTimes.get(i) - tickTimes.get(i - 1)).as("no two ticks closer than the late one").isGreaterThanOrEqualTo(50_000_000L);
        }
    }

    @Test
    void afterAPauseOfTenSecondsTheLoopDropsTheSlotItWaitedForAndNeverBunchesTicks() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        // rate 100 for 20 s; parked for slot 500 (due at 5 s), the process is paused and wakes 10 s + 7.3 ms late,
        // late in slot 1500's period
        clock.wakeUp = deadline -> deadline == 5 * SECOND ? deadline + 10 * SECOND + 7_300_000L : deadline;
        List<Long> tickTimes = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        TickSchedule schedule = new TickSchedule(0, 100, 20 * SECOND);

        TickLoop.start("t", schedule, clock, () -> tickTimes.add(clock.nanoTime()), ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        // slots 0..499 on the grid, 500..1499 dropped, 1500 at the wake-up, 1501 half a period later, then the grid
        assertThat(tickTimes).hasSize(500 + 500);
        assertThat(tickTimes.get(499)).isEqualTo(4_990_000_000L);
        assertThat(tickTimes.subList(500, 503)).containsExactly(15_007_300_000L, 15_012_300_000L, 15_020_000_000L);
        assertAtMostOneTickPerPeriodAndHalfAPeriodApart(schedule, tickTimes);
    }

    @Test
    void aTickStalledForOneAndSevenTenthsPeriodsDoesNotBunchTheNextTicks() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        List<Long> tickTimes = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        TickSchedule schedule = new TickSchedule(0, 100, 2 * SECOND);
        long period = 10_000_000L;

        // the 11th tick (slot 10, at 100 ms) takes 17 ms
        TickLoop.start("t", schedule, clock, () -> {
            tickTimes.add(clock.nanoTime());
            if (tickTimes.size() == 11) {
                clock.now.addAndGet(17 * period / 10);
            }
        }, ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        // it ends at 117 ms; the next tick may start half a period later, at 122 ms: slot 11's period
        // (110..120 ms) is over, so slot 11 is dropped and slot 12, due at 120 ms, runs at 122 ms
        assertThat(tickTimes.subList(10, 14)).containsExactly(100_000_000L, 122_000_000L, 130_000_000L, 140_000_000L);
        assertThat(tickTimes).as("only slot 11 is lost").hasSize(199);
        assertAtMostOneTickPerPeriodAndHalfAPeriodApart(schedule, tickTimes);
    }

    @Test
    void aTickHeldUpBeforeItReadsItsTimestampStillLogsHalfAPeriodAfterThePreviousOne() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        List<Long> stamps = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        SplittableRandom held = new SplittableRandom(7);

        // 1000 ticks/s for 10 s; each tick is held up 0..0.9 ms (preempted) before it reads the time it logs
        TickLoop.start("t", new TickSchedule(0, 1000, 10 * SECOND), clock, () -> {
            clock.now.addAndGet(held.nextLong(900_000L));
            stamps.add(clock.nanoTime());
        }, ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        long shortest = Long.MAX_VALUE;
        for (int i = 1; i < stamps.size(); i++) {
            shortest = Math.min(shortest, stamps.get(i) - stamps.get(i - 1));
        }
        assertThat(shortest).as("the shortest gap between logged times").isGreaterThanOrEqualTo(500_000L);
        assertThat(stamps.size()).as("most slots still run").isGreaterThan(5_000);
        assertAtMostOneTickPerPeriodAndHalfAPeriodApart(new TickSchedule(0, 1000, 10 * SECOND), stamps);
    }

    @Test
    void aTickPausedBeforeItReadsItsTimestampKeepsThePeriodItWasStampedIn() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        List<Long> stamps = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        TickSchedule schedule = new TickSchedule(0, 20, 3 * SECOND);

        // 20 ticks/s; the tick of slot 10 (due at 500 ms) is paused for 60 ms before it reads the time it
        // logs, so its event is stamped at 560 ms, inside slot 11's period (550..600 ms)
        TickLoop.start("t", schedule, clock, () -> {
            if (stamps.size() == 10) {
                clock.now.addAndGet(60_000_000L);
            }
            stamps.add(clock.nanoTime());
        }, ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        // slot 11 is dropped: running it at 585 ms put 22 events within 995 ms once (CI, vm2 paused mid-tick)
        assertThat(stamps.subList(9, 13)).containsExactly(450_000_000L, 560_000_000L, 600_000_000L, 650_000_000L);
        assertThat(stamps).hasSize(60 - 1);
        assertAtMostOneTickPerPeriodAndHalfAPeriodApart(schedule, stamps);
        for (int i = 21; i < stamps.size(); i++) {
            assertThat(stamps.get(i) - stamps.get(i - 21)).as("22 events ending with event %d", i).isGreaterThanOrEqualTo(SECOND);
        }
    }

    @Test
    void aTickStalledPastTheNextPeriodDropsThatSlot() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        List<Long> tickTimes = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        TickSchedule schedule = new TickSchedule(0, 100, SECOND);

        // slot 10 (at 100 ms) takes 17 ms, so slot 11 is dropped and slot 12 runs at 122 ms (half a period
        // after the end); it takes 17 ms too, ending at 139 ms: slot 13 is dropped and slot 14 runs at 144 ms
        TickLoop.start("t", schedule, clock, () -> {
            tickTimes.add(clock.nanoTime());
            if (tickTimes.size() == 11 || tickTimes.size() == 12) {
                clock.now.addAndGet(17_000_000L);
            }
        }, ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tickTimes.subList(10, 14)).containsExactly(100_000_000L, 122_000_000L, 144_000_000L, 150_000_000L);
        assertThat(tickTimes).hasSize(100 - 2);
        assertAtMostOneTickPerPeriodAndHalfAPeriodApart(schedule, tickTimes);
    }

    @Test
    void atAThousandTicksPerSecondRandomLateWakeUpsNeverBringTwoTicksWithinHalfAMillisecond() throws InterruptedException {
        VirtualClock clock = new VirtualClock();
        TickSchedule schedule = new TickSchedule(0, 1000, 60 * SECOND);
        long period = 1_000_000L;
        SplittableRandom random = new SplittableRandom(2026);
        AtomicLong unreachable = new AtomicLong();
        clock.wakeUp = deadline -> {
            int kind = random.nextInt(1000);
            long late = kind < 900 ? random.nextLong(period / 4)      // the usual scheduler jitter
                    : kind < 995 ? random.nextLong(2 * period)        // a late wake-up
                    : random.nextLong(2 * period, 50 * period);        // descheduled for a while
            // a wake-up this late, for a tick planned less than half a period into its slot, can miss at most this many slots
            unreachable.addAndGet((late + period / 2) / period);
            return deadline + late;
        };
        List<Long> tickTimes = new ArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);

        TickLoop.start("t", schedule, clock, () -> tickTimes.add(clock.nanoTime()), ended::countDown, e -> { });

        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertAtMostOneTickPerPeriodAndHalfAPeriodApart(schedule, tickTimes);
        long minGap = Long.MAX_VALUE;
        for (int i = 1; i < tickTimes.size(); i++) {
            minGap = Math.min(minGap, tickTimes.get(i) - tickTimes.get(i - 1));
        }
        assertThat(minGap).isGreaterThanOrEqualTo(500_000L);
        assertThat(tickTimes).as("the lateness did make the loop drop slots").hasSizeLessThan(60_000);
        assertThat((long) tickTimes.size()).as("one tick per slot, but for the slots the lateness made unreachable")
                .isBetween(60_000 - unreachable.get(), 60_000L);
    }

    /** No two ticks in one period of the schedule, and consecutive ticks at least half a period apart. */
    private static void assertAtMostOneTickPerPeriodAndHalfAPeriodApart(TickSchedule schedule, List<Long> tickTimes) {
        for (int i = 1; i < tickTimes.size(); i++) {
            long previous = tickTimes.get(i - 1);
            long current = tickTimes.get(i);
            assertThat(schedule.slotAt(current)).as("tick %d at %d ns is in a later period than the one before", i, current)
                    .isGreaterThan(schedule.slotAt(previous));
            assertThat(current - previous).as("gap before tick %d at %d ns", i, current)
                    .isGreaterThanOrEqualTo(schedule.halfPeriodNanos());
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
    void theLoopWaitsWithTheClockItsOwnThreadWasGiven() throws InterruptedException {
        VirtualClock own = new VirtualClock();
        List<String> askedOn = new CopyOnWriteArrayList<>();
        MonotonicClock shared = new MonotonicClock() {
            @Override
            public long nanoTime() {
                return own.nanoTime();
            }

            @Override
            public void parkUntil(long deadline) {
                throw new AssertionError("waited on the shared clock");
            }

            @Override
            public MonotonicClock forThisThread() {
                askedOn.add(Thread.currentThread().getName());
                return own;
            }
        };
        CountDownLatch ended = new CountDownLatch(1);
        AtomicLong ticks = new AtomicLong();

        TickLoop.start("ticker-own", new TickSchedule(0, 10, SECOND), shared, ticks::incrementAndGet, ended::countDown, e -> { });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ticks.get()).isEqualTo(10);
        assertThat(askedOn).containsExactly("ticker-own");
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
