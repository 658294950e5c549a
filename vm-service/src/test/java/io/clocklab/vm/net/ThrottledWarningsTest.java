package io.clocklab.vm.net;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of refusals makes at most one WARN line per reason per period, and the next line says how many it stood for. */
class ThrottledWarningsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("throttled-warnings-test");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ThrottledWarnings warnings = new ThrottledWarnings(logger, Duration.ofSeconds(10), now::get);

    @BeforeEach
    void attach() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(logged);
    }

    private List<String> lines() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFloodIsOneLinePerReasonPerPeriodWithACount() {
        for (int i = 0; i < 10_000; i++) {
            warnings.warn("connection_limit", "refused #" + i);
            now.addAndGet(Duration.ofMillis(1).toNanos()); // 10,000 in 10 s
        }
        assertThat(lines()).containsExactly("refused #0");

        warnings.warn("hello_timeout", "timed out #0");
        assertThat(lines()).as("another reason has its own budget").hasSize(2).last().isEqualTo("timed out #0");

        now.addAndGet(Duration.ofMillis(1).toNanos());
        warnings.warn("connection_limit", "refused #10000");
        assertThat(lines()).hasSize(3).last().asString()
                .startsWith("refused #10000 (and 9999 more connection_limit since the last such line");
        warnings.warn("connection_limit", "refused #10001");
        assertThat(lines()).hasSize(3);
    }
}
