package io.clocklab.vm.web;

import io.clocklab.vm.config.LogPageProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogPagesTest {

    @Test
    void linesBecomeOneJsonArray() {
        LogPages pages = new LogPages(new LogPageProperties(2, Duration.ofSeconds(1)));

        assertThat(pages.jsonArray(() -> List.of("{\"seq\":1}", "{\"seq\":2}")).getBody()).isEqualTo("[{\"seq\":1},{\"seq\":2}]");
        assertThat(pages.jsonArray(List::of).getBody()).isEqualTo("[]");
    }

    @Test
    void noMoreThanMaxConcurrentPagesAreBuiltAtOnceHoweverManyAreAsked() throws Exception {
        LogPages pages = new LogPages(new LogPageProperties(2, Duration.ofSeconds(30)));
        AtomicInteger building = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(clients.submit(() -> pages.jsonArray(() -> {
                    most.accumulateAndGet(building.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    building.decrementAndGet();
                    return List.of("{}");
                }).getBody()));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("[{}]");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aRequestThatWaitedMaxWaitForItsTurnIsTurnedAwayAndTheTurnsComeBack() throws Exception {
        LogPages pages = new LogPages(new LogPageProperties(1, Duration.ofMillis(100)));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread slow = new Thread(() -> pages.jsonArray(() -> {
            reading.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }));
        slow.start();
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> pages.jsonArray(List::of)).isInstanceOf(LogPages.LogPagesBusyException.class)
                .hasMessageContaining("1 log pages").hasMessageContaining("100 ms").hasMessageContaining("clocklab.vm.log-pages.max-concurrent");

        done.countDown();
        slow.join(5000);
        assertThat(pages.jsonArray(() -> List.of("{}")).getBody()).isEqualTo("[{}]");
    }
}
