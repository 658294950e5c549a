package io.clocklab.coordinator.run;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whatever reads a whole run's logs (an analysis, the delivery accounting at a run's end) takes
 * its turn here. Each streams its run in memory bounded by the analysis limits; one at a time keeps
 * the sum bounded too, however many pages are asked for at once. Nothing may wait on the network
 * while holding the turn.
 */
@Component
public class AnalysisTurns {

    private final Semaphore turn = new Semaphore(1, true);

    /**
     * For a request someone waits on: gives up after {@code patience}, so that views of long runs
     * cannot take every request thread while they queue (heartbeats and API calls need them too).
     *
     * @throws AnalysisBusyException when the turn did not come in time
     */
    public <T> T oneAtATime(String runId, Duration patience, Supplier<T> work) {
        try {
            if (!turn.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AnalysisBusyException(runId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalysisBusyException(runId);
        }
        try {
            return work.get();
        } finally {
            turn.release();
        }
    }

    /** For background work (the accounting at a run's end, analyses in advance): waits as long as it takes. */
    public <T> T oneAtATime(Supplier<T> work) {
        turn.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            turn.release();
        }
    }
}
