package io.clocklab.vm.net;

import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.Event;
import io.clocklab.vm.FrameProxy;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery protocol end to end on real loopback sockets: a sender vmA and a receiver vmB (two
 * {@link Node}s, no Spring), with a {@link FrameProxy} between them that cuts, duplicates and
 * reorders, and restarts of either node over the same log folder. The guarantee under test: every
 * message vmA logs as sent to vmB is logged by vmB as received exactly once, in order.
 */
class DeliveryProtocolTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(DeliveryProtocolTest.class);

    @TempDir
    Path logs;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private String runId;

    @BeforeEach
    void newRun() {
        runId = VmClient.newRunId();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private Node node(String name) {
        Node node = new Node(name, logs);
        closing.add(node);
        return node;
    }

    private FrameProxy proxyTo(Node receiver) throws IOException {
        FrameProxy proxy = new FrameProxy(receiver.port());
        closing.add(proxy);
        return proxy;
    }

    /** vmA sends to vmB on every tick (randomRange 1, one peer). */
    private RunSetup senderSetup(String vmbAddress, int rate) {
        return new RunSetup(runId, List.of(new Peer("vmB", vmbAddress)), rate, 1, 11);
    }

    /**
     * vmA is vmB's peer (only a run's peers may say HELLO), at an address where nobody listens: what
     * vmB sends never arrives, so vmA's log holds only its own sends.
     */
    private RunSetup receiverSetup(int rate) {
        return new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), rate, 10, 12);
    }

    private void awaitExactlyOnceInOrder(Node sender, Node receiver) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(sender.runtime.view().state()).isEqualTo(VmState.STOPPED);
            List<String> sent = sender.sentTo(runId, "vmB");
            assertThat(receiver.receivedFrom(runId, "vmA")).containsExactlyElementsOf(sent);
        });
    }

    @Test
    void connectionsCutMidStreamLoseNothingAndDuplicateNothing() throws IOException {
        Node vmB = node("vmB");
        Node vmA = node("vmA");
        FrameProxy proxy = proxyTo(vmB);
        vmB.runtime.setUp(receiverSetup(100));
        vmA.runtime.setUp(senderSetup(proxy.address(), 50));
        Instant t0 = Instant.now();
        vmB.runtime.start(new RunStart(runId, t0, null));
        vmA.runtime.start(new RunStart(runId, t0, 2));

        Random random = new Random(7);
        int cuts = 0;
        while (vmA.runtime.view().state() == VmState.RUNNING) {
            LockSupport.parkNanos(Duration.ofMillis(50 + random.nextInt(150)).toNanos());
            proxy.cut();
            cuts++;
        }

        awaitExactlyOnceInOrder(vmA, vmB);
        assertThat(cuts).isGreaterThan(5);
        assertThat(vmA.sentTo(runId, "vmB")).hasSizeGreaterThan(50);
        await().atMost(PATIENCE).until(() -> vmA.runtime.delivery(runId).unconfirmed().get("vmB").isEmpty());
        log.info("figures: {} messages across {} cuts, each received once; {} duplicates dropped",
                vmA.sentTo(runId, "vmB").size(), cuts, (long) vmB.rejected("duplicate"));
    }

    @Test
    void duplicatedFramesAreDroppedCountedAndNeverLoggedTwice() throws IOException {
        Node vmB = node("vmB");
        Node vmA = node("vmA");
        FrameProxy proxy = proxyTo(vmB);
        proxy.duplicateMessages(true);
        vmB.runtime.setUp(receiverSetup(100));
        vmA.runtime.setUp(senderSetup(proxy.address(), 50));
        Instant t0 = Instant.now();
        vmB.runtime.start(new RunStart(runId, t0, null));
        vmA.runtime.start(new RunStart(runId, t0, 1));

        awaitExactlyOnceInOrder(vmA, vmB);
        int sent = vmA.sentTo(runId, "vmB").size();
        assertThat(sent).isGreaterThan(25);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(proxy.duplicated()).isEqualTo(sent);
            assertThat(vmB.rejected("duplicate")).isEqualTo(sent);
        });
    }

    @Test
    void aSendersNewHelloClosesItsOldConnectionSoFramesHeldThereNeverArriveLate() throws Exception {
        Node vmB = node("vmB");
        Node vmA = node("vmA");
        FrameProxy proxy = proxyTo(vmB);
        vmB.runtime.setUp(receiverSetup(100));
        vmA.runtime.setUp(senderSetup(proxy.address(), 40));
        Instant t0 = Instant.now();
        vmB.runtime.start(new RunStart(runId, t0, null));
        vmA.runtime.start(new RunStart(runId, t0, 3));
        await().atMost(PATIENCE).until(() -> vmB.receivedFrom(runId, "vmA").size() >= 10);

        proxy.hold();
        await().atMost(PATIENCE).until(() -> proxy.held() >= 8);
        proxy.detachHeld(); // vmA reconnects, and sends again what vmB has not queued, held frames included
        int held = proxy.held();
        int before = vmB.receivedFrom(runId, "vmA").size();
        await().atMost(PATIENCE).until(() -> vmB.receivedFrom(runId, "vmA").size() >= before + held + 5);
        assertThat(vmB.replaced()).as("vmA's new HELLO replaced its old connection").isEqualTo(1);
        await().atMost(PATIENCE).until(proxy::heldClosedByReceiver);
        proxy.releaseHeld(); // too late: vmB closed that connection at the new HELLO, and reads nothing more there

        awaitExactlyOnceInOrder(vmA, vmB);
        assertThat(vmB.rejected("duplicate")).as("no held frame reached vmB").isZero();
        log.info("figures: {} messages; {} frames held on the old connection, sent again on a new one; the old one closed at its HELLO",
                vmA.sentTo(runId, "vmB").size(), held);
    }

    @Test
    void aRestartedReceiverGetsWhatItsQueueHeldAgainAndLogsEachReceiveOnce() throws IOException {
        Node vmB1 = node("vmB");
        Node vmA = node("vmA");
        FrameProxy proxy = proxyTo(vmB1);
        RunSetup receiver = receiverSetup(20);
        vmB1.runtime.setUp(receiver);
        vmA.runtime.setUp(senderSetup(proxy.address(), 40));
        Instant t0 = Instant.now();
        vmB1.runtime.start(new RunStart(runId, t0, 60));
        vmA.runtime.start(new RunStart(runId, t0, 2));
        await().atMost(PATIENCE).until(() -> vmB1.runtime.view().queueLength() >= 10);

        vmB1.close(); // its queue is gone; its log stays
        List<Event> before = vmB1.log(runId);
        int receivedAtCrash = vmB1.receivedFrom(runId, "vmA").size();
        int queuedAtCrash = vmA.sentTo(runId, "vmB").size() - receivedAtCrash;
        Event last = before.get(before.size() - 1);
        Node vmB2 = node("vmB");
        proxy.target(vmB2.port());
        var rejoined = vmB2.runtime.setUp(receiver);
        assertThat(rejoined.state()).isEqualTo(VmState.WAITING);
        assertThat(rejoined.logicalClock()).isEqualTo(last.logicalClock());
        vmB2.runtime.start(new RunStart(runId, t0, 60));

        awaitExactlyOnceInOrder(vmA, vmB2);
        vmB2.runtime.stop(runId);
        List<Event> after = vmB2.log(runId);
        assertThat(after.subList(0, before.size())).as("the log was appended to, not rewritten").isEqualTo(before);
        Event next = after.get(before.size());
        assertThat(next.seq()).isEqualTo(last.seq() + 1);
        assertThat(next.logicalClock()).isGreaterThan(last.logicalClock());
        assertThat(RunChecker.check(Map.of("vmA", vmA.log(runId), "vmB", after)).violations()).isEmpty();
        log.info("figures: receiver restarted with about {} messages queued or in flight; {} of {} received once each after rejoining",
                queuedAtCrash, vmB2.receivedFrom(runId, "vmA").size() - receivedAtCrash, vmA.sentTo(runId, "vmB").size());
    }

    @Test
    void aRestartedSenderSendsAgainFromItsLogWhatThePeerLacks() throws IOException {
        Node vmB = node("vmB");
        Node vmA1 = node("vmA");
        FrameProxy proxy = proxyTo(vmB);
        RunSetup sender = senderSetup(proxy.address(), 40);
        vmB.runtime.setUp(receiverSetup(100));
        vmA1.runtime.setUp(sender);
        Instant t0 = Instant.now();
        vmB.runtime.start(new RunStart(runId, t0, null));
        vmA1.runtime.start(new RunStart(runId, t0, 3));
        await().atMost(PATIENCE).until(() -> vmB.receivedFrom(runId, "vmA").size() >= 10);

        proxy.hold(); // what vmA1 sends from now on never arrives
        await().atMost(PATIENCE).until(() -> proxy.held() >= 8);
        vmA1.close();
        proxy.cut(); // the held frames die with the connection
        int sentBeforeCrash = vmA1.sentTo(runId, "vmB").size();
        await().atMost(PATIENCE).until(() -> vmB.runtime.view().queueLength() == 0);
        int receivedBeforeCrash = vmB.receivedFrom(runId, "vmA").size();
        assertThat(receivedBeforeCrash).isLessThan(sentBeforeCrash);

        Node vmA2 = node("vmA");
        vmA2.runtime.setUp(sender);
        vmA2.runtime.start(new RunStart(runId, t0, 3));

        awaitExactlyOnceInOrder(vmA2, vmB);
        assertThat(vmA2.sentTo(runId, "vmB")).hasSizeGreaterThan(sentBeforeCrash);
        assertThat(vmB.rejected("duplicate")).isZero();
        log.info("figures: sender restarted with {} of its {} messages lost in transit; all {} received once",
                sentBeforeCrash - receivedBeforeCrash, sentBeforeCrash, vmA2.sentTo(runId, "vmB").size());
    }

    @Test
    void bothRestartedAtOnceStillDeliverEveryMessageOnce() throws IOException {
        Node vmB1 = node("vmB");
        Node vmA1 = node("vmA");
        FrameProxy proxy = proxyTo(vmB1);
        RunSetup sender = senderSetup(proxy.address(), 40);
        RunSetup receiver = receiverSetup(20);
        vmB1.runtime.setUp(receiver);
        vmA1.runtime.setUp(sender);
        Instant t0 = Instant.now();
        vmB1.runtime.start(new RunStart(runId, t0, 60));
        vmA1.runtime.start(new RunStart(runId, t0, 3));
        await().atMost(PATIENCE).until(() -> vmB1.runtime.view().queueLength() >= 10);

        vmA1.close();
        vmB1.close();
        Node vmB2 = node("vmB");
        proxy.target(vmB2.port());
        Node vmA2 = node("vmA");
        vmA2.runtime.setUp(sender);
        vmB2.runtime.setUp(receiver);
        vmA2.runtime.start(new RunStart(runId, t0, 3));
        vmB2.runtime.start(new RunStart(runId, t0, 60));

        awaitExactlyOnceInOrder(vmA2, vmB2);
    }

    @Test
    void aSenderWhosePeerIsAwayHoldsAtMostItsBoundInMemoryReadsTheRestFromItsLogAndLosesNothing() throws IOException {
        Node vmB = node("vmB");
        Node vmA = new Node(Node.settings("vmA", logs).maxUnconfirmedInMemory(5));
        closing.add(vmA);
        FrameProxy proxy = proxyTo(vmB);
        // vmB is not in the run yet: it refuses vmA's HELLOs (wrong_run), as a peer still starting would
        vmA.runtime.setUp(senderSetup(proxy.address(), 100));
        vmA.runtime.start(new RunStart(runId, Instant.now(), 1));
        await().atMost(PATIENCE).until(() -> vmA.runtime.view().state() == VmState.STOPPED);
        List<String> sent = vmA.sentTo(runId, "vmB");
        assertThat(sent).hasSizeGreaterThan(20);
        assertThat(vmA.keptInMemory()).as("held in memory: the bound").isEqualTo(5);
        assertThat(vmA.runtime.delivery(runId).unconfirmed().get("vmB")).as("the rest is in the log, and still unconfirmed: all of it")
                .isEqualTo(new SentRange(0, MessageIds.seqOf(sent.get(sent.size() - 1))));

        vmB.runtime.setUp(receiverSetup(200));
        vmB.runtime.start(new RunStart(runId, Instant.now(), null));

        awaitExactlyOnceInOrder(vmA, vmB);
        assertThat(vmB.rejected("duplicate")).isZero();
        await().atMost(PATIENCE).until(() -> vmA.keptInMemory() == 0 && vmA.runtime.delivery(runId).unconfirmed().get("vmB").isEmpty());
        log.info("figures: {} messages sent while the peer was away, at most 5 held in memory; all received once, in order", sent.size());
    }
}
