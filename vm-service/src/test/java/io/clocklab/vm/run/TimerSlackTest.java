package io.clocklab.vm.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** On Linux, for real: the ticker's thread tightens its own slack, and no other thread's. */
@EnabledOnOs(OS.LINUX)
class TimerSlackTest {

    @Test
    void aThreadTightensItsOwnSlackAndNoOtherThreads() throws Exception {
        long before = onNewThread(TimerSlack::ofThisThread);

        boolean tightened = onNewThread(TimerSlack::tightenForThisThread);
        long afterwardsElsewhere = onNewThread(TimerSlack::ofThisThread);
        long ownAfterwards = onNewThread(() -> {
            TimerSlack.tightenForThisThread();
            return TimerSlack.ofThisThread();
        });

        assertThat(before).as("the default slack").isGreaterThan(TimerSlack.TIGHT_NANOS);
        assertThat(tightened).isTrue();
        assertThat(ownAfterwards).isEqualTo(TimerSlack.TIGHT_NANOS);
        assertThat(afterwardsElsewhere).as("another thread keeps its slack").isEqualTo(before);
    }

    @Test
    void aSlackFileThatCannotBeWrittenLeavesTheDefaultAndSaysSo(@TempDir Path folder) {
        assertThat(TimerSlack.tighten(folder.resolve("no-such-dir").resolve("timerslack_ns"))).isFalse();
        assertThat(TimerSlack.tighten(folder)).as("a directory").isFalse();
    }

    @Test
    void theSystemClockWaitsNoLessThanAskedOnATightenedThread() throws Exception {
        long earliest = onNewThread(() -> {
            MonotonicClock clock = MonotonicClock.SYSTEM.forThisThread();
            long least = Long.MAX_VALUE;
            for (int i = 0; i < 200; i++) {
                long deadline = System.nanoTime() + 150_000;
                while (System.nanoTime() < deadline) {
                    clock.parkUntil(deadline);
                }
                least = Math.min(least, System.nanoTime() - deadline);
            }
            return least;
        });

        assertThat(earliest).as("never before the deadline").isGreaterThanOrEqualTo(0);
    }

    interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T onNewThread(Call<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        thread.start();
        thread.join();
        return result.get();
    }
}
