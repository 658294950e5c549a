package io.clocklab.vm.net;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.SentRange;
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
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
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
                assertThat(link.unconfirmed("run-1")).as("vmA-1 to vmA-5").isEqualTo(new SentRange(0, 5)));
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

    /** The sender's log, as far as the link sees it: its SENDs to vmB, with other events (gaps in seq) between them. */
    private static final class FakeLog implements SentMessages {
        final NavigableMap<Long, Message> toVmB = new ConcurrentSkipListMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public List<Message> sentTo(String peer, long afterSeq, long upToSeq, int max) {
            reads.incrementAndGet();
            assertThat(peer).isEqualTo("vmB");
            return toVmB.subMap(afterSeq, false, upToSeq, true).values().stream().limit(max).toList();
        }
    }

    @Test
    void aPeerAwayForLongCostsAtMostTheBoundInMemoryAndGetsEverythingFromTheLogWhenBack() throws IOException {
        FakePeer first = peer();
        first.logNothing(); // it queues but never logs: R stays 0, so nothing may leave the sender's keeping
        int port = first.port();
        FakeLog sent = new FakeLog();
        PeerLink link = new PeerLink("vmA", "vmB", TcpAddress.parse(first.address()), BACKOFF, FakePeer.CODEC,
                Duration.ofSeconds(1), Duration.ofSeconds(5), 5, "run-1", List.of(), 0, sent);
        closing.add(link);
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            Message message = message("run-1", 3 * i); // every third event of vmA is a SEND to vmB
            sent.toVmB.put(3L * i, message);
            all.add(message.messageId());
            link.send("run-1", message);
        }
        await().atMost(PATIENCE).until(() -> first.received().size() == 40);
        assertThat(first.received()).extracting(Message::messageId).as("all written, past the 5 held in memory")
                .containsExactlyElementsOf(all);
        assertThat(link.kept()).as("held in memory").isEqualTo(5);
        assertThat(sent.reads.get()).isPositive();

        first.close(); // it restarts, with its queue gone; 20 more are sent meanwhile
        for (int i = 41; i <= 60; i++) {
            Message message = message("run-1", 3 * i);
            sent.toVmB.put(3L * i, message);
            all.add(message.messageId());
            link.send("run-1", message);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(link.unconfirmed("run-1")).as("all of them, up to the last")
                .isEqualTo(new SentRange(0, MessageIds.seqOf(all.get(all.size() - 1)))));
        assertThat(link.kept()).isEqualTo(5);

        FakePeer second = new FakePeer("vmB", port); // back at the same address, its queue empty: RESUME Q = R = 0
        closing.add(second);
        await().atMost(PATIENCE).until(() -> second.received().size() == 60);
        assertThat(second.received()).extracting(Message::messageId).as("each once, in order").containsExactlyElementsOf(all);
        await().atMost(PATIENCE).until(() -> link.kept() == 0 && link.unconfirmed("run-1").isEmpty());
    }

    @Test
    void withinTheBoundNothingIsReadBackFromTheLog() throws IOException {
        FakePeer vmB = peer();
        FakeLog sent = new FakeLog();
        PeerLink link = new PeerLink("vmA", "vmB", TcpAddress.parse(vmB.address()), BACKOFF, FakePeer.CODEC,
                Duration.ofSeconds(1), Duration.ofSeconds(5), 100, "run-1", List.of(), 0, sent);
        closing.add(link);
        for (int seq = 1; seq <= 50; seq++) {
            sent.toVmB.put((long) seq, message("run-1", seq));
            link.send("run-1", message("run-1", seq));
        }
        await().atMost(PATIENCE).until(() -> vmB.received().size() == 50 && link.kept() == 0);
        assertThat(sent.reads.get()).isZero();
    }

    @Test
    void aRejoiningSenderReadsWhatItSentBeforeItsRestartFromTheLog() throws IOException {
        FakePeer vmB = peer();
        FakeLog sent = new FakeLog();
        for (int seq = 2; seq <= 30; seq += 2) {
            sent.toVmB.put((long) seq, message("run-1", seq));
        }
        PeerLink link = new PeerLink("vmA", "vmB", TcpAddress.parse(vmB.address()), BACKOFF, FakePeer.CODEC,
                Duration.ofSeconds(1), Duration.ofSeconds(5), 4, "run-1", List.of(), 30, sent);
        closing.add(link);
        assertThat(link.unconfirmed("run-1")).as("before any RESUME, all 15 of it").isEqualTo(new SentRange(0, 30));
        await().atMost(PATIENCE).until(() -> vmB.received().size() == 15);
        assertThat(vmB.received()).extracting(Message::messageId)
                .containsExactlyElementsOf(sent.toVmB.values().stream().map(Message::messageId).toList());
        await().atMost(PATIENCE).until(() -> link.kept() == 0);
    }
}
