package io.clocklab.vm.web;

import io.clocklab.vm.config.LogPageProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogPagesTest {

    @Test
    void linesBecomeOneJsonArray() throws IOException {
        LogPages pages = new LogPages(new LogPageProperties(2, Duration.ofSeconds(1)));

        MockHttpServletResponse response = new MockHttpServletResponse();
        pages.write(response, () -> List.of("{\"to\":[\"vm2\"],\"note\":\"é\"}"));
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsByteArray()).isEqualTo("[{\"to\":[\"vm2\"],\"note\":\"é\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(page(pages, () -> List.of("{\"seq\":1}", "{\"seq\":2}"))).isEqualTo("[{\"seq\":1},{\"seq\":2}]");
        assertThat(page(pages, List::of)).isEqualTo("[]");
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
                answers.add(clients.submit(() -> page(pages, () -> {
                    most.accumulateAndGet(building.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    building.decrementAndGet();
                    return List.of("{}");
                })));
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
        Thread slow = new Thread(() -> page(pages, () -> {
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

        assertThatThrownBy(() -> page(pages, List::of)).isInstanceOf(LogPages.LogPagesBusyException.class)
                .hasMessageContaining("1 log pages").hasMessageContaining("100 ms").hasMessageContaining("clocklab.vm.log-pages.max-concurrent");

        done.countDown();
        slow.join(5000);
        assertThat(page(pages, () -> List.of("{}"))).isEqualTo("[{}]");
    }

    private static String page(LogPages pages, Supplier<List<String>> read) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            pages.write(response, read);
            return response.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
