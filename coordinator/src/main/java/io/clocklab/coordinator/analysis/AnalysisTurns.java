package io.clocklab.coordinator.analysis;

import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;
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

    public <T> T oneAtATime(Supplier<T> work) {
        turn.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            turn.release();
        }
    }
}
