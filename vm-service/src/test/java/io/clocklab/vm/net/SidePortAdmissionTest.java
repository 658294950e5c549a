package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.Message;
import io.clocklab.core.wire.Frame;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.FrameProxy;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who gets a side-port connection, on real loopback sockets: pre-HELLO connections are capped and
 * the rest refused and counted; a run's peer, from its own address, still gets in through its
 * reserve while the cap is full of idle sockets from elsewhere; and a sender's new HELLO replaces
 * its older connection. The run's peers are at 127.0.0.1; the "others" connect from 127.0.0.2
 * (Linux routes all of 127.0.0.0/8 to the loopback interface).
 */
class SidePortAdmissionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final InetAddress ELSEWHERE = address("127.0.0.2");

    @TempDir
    Path logs;
    private final String runId = VmClient.newRunId();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Node node(Node.Settings settings) {
        Node node = new Node(settings);
        closing.add(node);
        return node;
    }

    /** A connection to {@code vm} from {@code from}; a thread reads its frames until it is closed. */
    private RawClient client(Node vm, InetAddress from) throws IOException {
        RawClient client = new RawClient(vm, from);
        closing.add(client);
        return client;
    }

    @Test
    void connectionsOverThePendingCapAreClosedAtOnceAndCounted() throws IOException {
        Node vmB = node(Node.settings("vmB", logs).maxPendingConnections(2).helloTimeout(Duration.ofMinutes(1)));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 10, 10, 1));
        RawClient first = client(vmB, ELSEWHERE);
        RawClient second = client(vmB, ELSEWHERE);
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 2);

        List<RawClient> refused = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refused.add(client(vmB, ELSEWHERE));
        }
        await().atMost(PATIENCE).until(() -> refused.stream().allMatch(c -> c.closedByVm));
        assertThat(vmB.refused("connection_limit")).isEqualTo(3);
        assertThat(first.closedByVm || second.closedByVm).as("the first two keep their places").isFalse();
        assertThat(vmB.connections("pending")).isEqualTo(2);

        first.close();
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 1);
        RawClient third = client(vmB, ELSEWHERE); // a place came free
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 2);
        assertThat(third.closedByVm).isFalse();
        assertThat(vmB.refused("connection_limit")).isEqualTo(3);
    }

    @Test
    void withThePendingCapFullOfIdleSocketsARunPeerStillConnectsAndDelivers() throws IOException {
        Node vmB = node(Node.settings("vmB", logs).maxPendingConnections(2).helloTimeout(Duration.ofMinutes(1)));
        Node vmA = node(Node.settings("vmA", logs));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", vmA.address())), 50, 10, 2));
        List<RawClient> idle = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            idle.add(client(vmB, ELSEWHERE));
        }
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 2);
        RawClient over = client(vmB, ELSEWHERE);
        await().atMost(PATIENCE).until(() -> over.closedByVm);
        assertThat(vmB.refused("connection_limit")).isEqualTo(1);

        // vmA, at 127.0.0.1 like its tcpAddress, sends to vmB on every tick
        vmA.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmB", vmB.address())), 50, 1, 3));
        Instant t0 = Instant.now();
        vmB.runtime.start(new RunStart(runId, t0, null));
        vmA.runtime.start(new RunStart(runId, t0, 1));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(vmA.runtime.view().state()).isEqualTo(VmState.STOPPED);
            assertThat(vmB.receivedFrom(runId, "vmA")).isNotEmpty().containsExactlyElementsOf(vmA.sentTo(runId, "vmB"));
        });
        assertThat(vmB.connections("authenticated")).as("vmA's link").isEqualTo(1);
        assertThat(idle).as("the idle sockets still hold every shared place").noneMatch(c -> c.closedByVm);
        assertThat(vmB.connections("pending")).isEqualTo(2);
    }

    @Test
    void theReserveIsForThePeersAddressesOnlyAndLimitedPerPeer() throws IOException {
        Node vmB = node(Node.settings("vmB", logs).maxPendingConnections(1).reservedConnectionsPerPeer(2)
                .helloTimeout(Duration.ofMinutes(1)));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 10, 10, 1));
        // the peers' addresses are looked up off the accept thread, after the set-up
        await().atMost(PATIENCE).until(() -> vmB.sidePort().peersAt(InetAddress.getLoopbackAddress()) == 1);
        assertThat(vmB.sidePort().peersAt(ELSEWHERE)).isZero();
        RawClient elsewhere = client(vmB, ELSEWHERE);
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 1);

        // from the peer's address: its reserve of 2 (the shared place is taken)
        List<RawClient> fromPeer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fromPeer.add(client(vmB, InetAddress.getLoopbackAddress()));
        }
        await().atMost(PATIENCE).until(() -> fromPeer.get(2).closedByVm);
        assertThat(fromPeer.subList(0, 2)).noneMatch(c -> c.closedByVm);
        assertThat(vmB.connections("pending")).isEqualTo(3);
        RawClient another = client(vmB, ELSEWHERE);
        await().atMost(PATIENCE).until(() -> another.closedByVm);
        assertThat(vmB.refused("connection_limit")).isEqualTo(2);
        assertThat(elsewhere.closedByVm).isFalse();
    }

    @Test
    void aSecondHelloFromTheSameSenderReplacesTheFirstConnection() throws IOException {
        Node vmB = node(Node.settings("vmB", logs));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1"), new Peer("vmC", "127.0.0.1:1")), 10, 10, 1));
        byte[] hello = FakePeer.CODEC.encode(new Frame.Hello(runId, "vmA", "vmB"));
        RawClient old = client(vmB, InetAddress.getLoopbackAddress());
        old.write(hello);
        old.write(FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-1", 1)));
        await().atMost(PATIENCE).until(() -> vmB.runtime.view().queueLength() == 1);
        RawClient other = client(vmB, InetAddress.getLoopbackAddress());
        other.write(FakePeer.CODEC.encode(new Frame.Hello(runId, "vmC", "vmB")));
        await().atMost(PATIENCE).until(() -> vmB.connections("authenticated") == 2);

        RawClient fresh = client(vmB, InetAddress.getLoopbackAddress());
        fresh.write(hello);
        await().atMost(PATIENCE).until(() -> old.closedByVm);
        assertThat(vmB.replaced()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> !fresh.frames.isEmpty());
        assertThat(fresh.frames.get(0)).as("the new connection's RESUME knows what the old one queued")
                .isEqualTo(new Frame.Resume(runId, 1, 0));
        fresh.write(FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-2", 2)));
        await().atMost(PATIENCE).until(() -> vmB.runtime.view().queueLength() == 2);
        assertThat(vmB.runtime.delivery(runId).queued()).containsExactly("vmA-1", "vmA-2");
        assertThat(vmB.connections("authenticated")).as("vmA's new one and vmC's").isEqualTo(2);
        assertThat(other.closedByVm).as("another sender's connection is not touched").isFalse();
        assertThat(fresh.closedByVm).isFalse();
    }

    @Test
    void threeHundredIdleSocketsWhileAPeerRestartsLoseNothingAndThePeerIsNeverRefused() throws Exception {
        Node vmB = node(Node.settings("vmB", logs).helloTimeout(Duration.ofMillis(500))); // the default caps: 16 pending
        FrameProxy proxy = new FrameProxy(vmB.port()); // vmA's connections go through it, from 127.0.0.1, to be counted
        closing.add(proxy);
        RunSetup sender = new RunSetup(runId, List.of(new Peer("vmB", proxy.address())), 20, 2, 4);
        Node vmA1 = new Node(Node.settings("vmA", logs));
        closing.add(vmA1);
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 50, 10, 2));
        await().atMost(PATIENCE).until(() -> vmB.sidePort().peersAt(InetAddress.getLoopbackAddress()) == 1);
        vmA1.runtime.setUp(sender);
        Instant t0 = Instant.now();
        vmB.runtime.start(new RunStart(runId, t0, null));
        vmA1.runtime.start(new RunStart(runId, t0, 4));
        await().atMost(PATIENCE).until(() -> vmB.receivedFrom(runId, "vmA").size() >= 5);

        // 300 idle sockets from elsewhere, opened again as the VM closes them, for as long as the peer is away and back
        List<RawClient> idle = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 300; i++) {
            idle.add(client(vmB, ELSEWHERE));
        }
        Thread flood = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < idle.size(); i++) {
                    if (idle.get(i).closedByVm) {
                        try {
                            idle.set(i, client(vmB, ELSEWHERE));
                        } catch (IOException e) {
                            return;
                        }
                    }
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }, "idle-flood");
        flood.setDaemon(true);
        flood.start();
        closing.add(flood::interrupt);
        await().atMost(PATIENCE).until(() -> vmB.refused("connection_limit") >= 284 && vmB.connections("pending") >= 16);

        vmA1.close(); // kill -9: its connection dies; vmB keeps what it queued, vmA's log keeps what it sent
        int attemptsBefore = proxy.connections();
        int answeredBefore = proxy.answered();
        Node vmA2 = new Node(Node.settings("vmA", logs));
        closing.add(vmA2);
        vmA2.runtime.setUp(sender); // rejoins from its log
        vmA2.runtime.start(new RunStart(runId, t0, 4));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(vmA2.runtime.view().state()).isEqualTo(VmState.STOPPED);
            assertThat(vmB.receivedFrom(runId, "vmA")).containsExactlyElementsOf(vmA2.sentTo(runId, "vmB"));
        });
        int attempts = proxy.connections() - attemptsBefore;
        int admitted = proxy.answered() - answeredBefore;
        flood.interrupt();
        assertThat(attempts).as("the restarted peer connected").isPositive();
        assertThat(admitted).as("every connection it opened was admitted and answered").isEqualTo(attempts);
        assertThat(vmB.refused("hello_timeout")).as("the idle ones that got a place were closed after the hello timeout").isPositive();
        assertThat(vmB.rejected("duplicate")).isZero();
        System.out.printf("%n300 idle sockets (re-opened as closed): %.0f refused at accept, %.0f closed at the hello timeout;"
                        + " the restarted peer needed %d connection(s), %d admitted; %d of its messages received, each once%n",
                vmB.refused("connection_limit"), vmB.refused("hello_timeout"), attempts, admitted,
                vmB.receivedFrom(runId, "vmA").size());
    }
}
