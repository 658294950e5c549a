package io.clocklab.vm.net;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clocklab.core.control.TcpAddress;
import io.clocklab.core.model.Message;
import io.clocklab.vm.FakePeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One sender's link against a {@link FakePeer} that misbehaves: restarts, goes silent, or cannot be spoken to. */
class PeerLinkTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private FakePeer peer() throws IOException {
        FakePeer peer = new FakePeer("vmB");
        closing.add(peer);
        return peer;
    }

    private PeerLink link(FakePeer peer, Duration readTimeout, String runId) {
        PeerLink link = new PeerLink("vmA", "vmB", TcpAddress.parse(peer.address()), BACKOFF, FakePeer.CODEC,
                Duration.ofSeconds(1), readTimeout, runId, List.of());
        closing.add(link);
        return link;
    }

    private static Message message(String runId, int seq) {
        return new Message(runId, "vmA", "vmA-" + seq, seq);
    }

    @Test
    void whenTheConnectionEndsWhatThePeerQueuedButDidNotLogIsUnconfirmedAgain() throws IOException {
        FakePeer vmB = peer();
        vmB.logNothing(); // Q moves, R stays 0
        PeerLink link = link(vmB, Duration.ofSeconds(5), "run-1");
        IntStream.rangeClosed(1, 5).forEach(seq -> link.send("run-1", message("run-1", seq)));
        await().atMost(PATIENCE).until(() -> vmB.received().size() == 5 && link.unconfirmed("run-1").isEmpty());
        assertThat(link.kept()).isEqualTo(5);

        vmB.close(); // it crashes with its queue, and stays away: no RESUME can correct Q

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(link.unconfirmed("run-1")).containsExactly("vmA-1", "vmA-2", "vmA-3", "vmA-4", "vmA-5"));
    }

    @Test
    void aPeerThatGoesSilentAfterItsResumeIsGivenUpWithinTheReadTimeoutAndNothingIsLost() throws IOException {
        FakePeer vmB = peer();
        vmB.goSilentAfterResume();
        PeerLink link = link(vmB, Duration.ofMillis(300), "run-1");
        link.send("run-1", message("run-1", 1));
        await().atMost(PATIENCE).until(() -> vmB.received().size() == 1);
        long heard = System.nanoTime();

        await().atMost(Duration.ofSeconds(2)).until(() -> vmB.hellos().size() >= 2);
        assertThat(Duration.ofNanos(System.nanoTime() - heard)).isLessThan(Duration.ofMillis(1500));
        link.send("run-1", message("run-1", 2));
        await().atMost(PATIENCE).until(() -> vmB.received().size() == 2);
        assertThat(vmB.received()).extracting(Message::messageId).containsExactly("vmA-1", "vmA-2");
    }

    @Test
    void anUnexpectedRuntimeExceptionIsLoggedOnceAndTheLinkLivesOn() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(PeerLink.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        closing.add(() -> logger.detachAppender(logged));
        FakePeer vmB = peer();
        String tooLong = "r".repeat(FakePeer.CODEC.maxFrameBytes()); // its HELLO cannot be encoded
        PeerLink link = link(vmB, Duration.ofSeconds(5), tooLong);

        await().during(Duration.ofMillis(600)).atMost(PATIENCE).until(() -> errors(logged) == 1);
        assertThat(errors(logged)).isEqualTo(1);

        link.newRun("run-2", List.of(message("run-2", 1)));
        await().atMost(PATIENCE).until(() -> vmB.received().size() == 1);
        assertThat(link.connected()).isTrue();
    }

    private static long errors(ListAppender<ILoggingEvent> appender) {
        return List.copyOf(appender.list).stream().filter(e -> e.getLevel() == Level.ERROR).count();
    }
}
