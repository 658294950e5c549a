package io.clocklab.coordinator.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AnalysisTurnsTest {

    private final AnalysisTurns turns = new AnalysisTurns();

    @Test
    void aRequestWhoseTurnDoesNotComeInTimeIsToldToComeBackAndBackgroundWorkWaits() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> longOne = CompletableFuture.supplyAsync(() -> turns.oneAtATime(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "long";
        }));
        holding.await();

        assertThatThrownBy(() -> turns.oneAtATime("r2", Duration.ofMillis(100), () -> "never"))
                .isInstanceOf(AnalysisBusyException.class).hasMessageContaining("r2");
        CompletableFuture<String> background = CompletableFuture.supplyAsync(() -> turns.oneAtATime(() -> "after"));
        assertThat(background).isNotDone();

        release.countDown();
        assertThat(longOne.get()).isEqualTo("long");
        await().until(background::isDone);
        assertThat(background.get()).isEqualTo("after");
        assertThat(turns.oneAtATime("r3", Duration.ofMillis(100), () -> "free again")).isEqualTo("free again");
    }
}
