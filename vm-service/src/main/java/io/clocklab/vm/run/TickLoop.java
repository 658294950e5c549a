package io.clocklab.vm.run;

import io.clocklab.core.model.TickSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs ticks on their own thread by {@link TickSchedule}'s rule: on the nominal grid, never early,
 * each slot inside its own period or not at all, never in a period an earlier tick was still running
 * in, consecutive ticks at least half a period apart.
 * A ticker that wakes late (the process was paused, the thread descheduled, the last tick was slow)
 * drops the slots whose periods are over and runs the current one; it never catches up in a burst.
 * Ends when the schedule ends, when stopped, or when a tick fails.
 */
public final class TickLoop {

    private static final Logger log = LoggerFactory.getLogger(TickLoop.class);

    private final TickSchedule schedule;
    private final MonotonicClock clock;
    private final Runnable tick;
    private final Runnable onScheduleEnd;
    private final Consumer<RuntimeException> onFailure;
    private final Thread thread;
    private volatile boolean stopping;

    private TickLoop(String name, TickSchedule schedule, MonotonicClock clock, Runnable tick,
                     Runnable onScheduleEnd, Consumer<RuntimeException> onFailure) {
        this.schedule = schedule;
        this.clock = clock;
        this.tick = tick;
        this.onScheduleEnd = onScheduleEnd;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public static TickLoop start(String name, TickSchedule schedule, MonotonicClock clock, Runnable tick,
                                 Runnable onScheduleEnd, Consumer<RuntimeException> onFailure) {
        TickLoop loop = new TickLoop(name, schedule, clock, tick, onScheduleEnd, onFailure);
        loop.thread.start();
        return loop;
    }

    private void run() {
        MonotonicClock clock = this.clock.forThisThread();
        TickSchedule.Next next = schedule.first(clock.nanoTime());
        while (schedule.runs(next.slot())) {
            while (!stopping && clock.nanoTime() < next.atNanos()) {
                clock.parkUntil(next.atNanos());
            }
            if (stopping) {
                return;
            }
            long now = clock.nanoTime();
            long slot = schedule.slotToRunAt(next, now); // a slot whose period is over is dropped here
            if (!schedule.runs(slot)) {
                break;
            }
            try {
                tick.run();
            } catch (RuntimeException e) {
                log.error("tick failed, the run stops here so that no event goes unlogged", e);
                onFailure.accept(e);
                return;
            }
            // From the tick's end, not its start: the event's timestamp is read inside the tick, so a
            // tick held up after it began (paused, descheduled) may have stamped its event in a later
            // period than its own. The next tick goes after that period, and half a period later.
            next = schedule.after(slot, clock.nanoTime());
        }
        if (!stopping) {
            onScheduleEnd.run();
        }
    }

    /** Stops and waits for a tick under way to finish, so nothing is written after this returns. */
    public void stop() {
        stopping = true;
        if (Thread.currentThread() == thread) {
            return;
        }
        // unpark, not interrupt: an interrupt would close any NIO channel the tick happens to use
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
