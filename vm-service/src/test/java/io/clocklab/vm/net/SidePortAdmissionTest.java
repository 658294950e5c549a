package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.Message;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final class Client implements AutoCloseable {
        final Socket socket = new Socket();
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        volatile boolean closedByVm;

        Client(Node vm, InetAddress from) throws IOException {
            closing.add(this);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), vm.port()));
            Thread reader = new Thread(() -> {
                try {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                    for (Frame frame = FakePeer.CODEC.read(in); frame != null; frame = FakePeer.CODEC.read(in)) {
                        frames.add(frame);
                    }
                } catch (IOException | FrameRejectedException e) {
                    // reset, or closed by us
                }
                closedByVm = true;
            }, "test-client-read");
            reader.setDaemon(true);
            reader.start();
        }

        void write(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void connectionsOverThePendingCapAreClosedAtOnceAndCounted() throws IOException {
        Node vmB = node(Node.settings("vmB", logs).maxPendingConnections(2).helloTimeout(Duration.ofMinutes(1)));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 10, 10, 1));
        Client first = new Client(vmB, ELSEWHERE);
        Client second = new Client(vmB, ELSEWHERE);
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 2);

        List<Client> refused = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            refused.add(new Client(vmB, ELSEWHERE));
        }
        await().atMost(PATIENCE).until(() -> refused.stream().allMatch(c -> c.closedByVm));
        assertThat(vmB.refused("connection_limit")).isEqualTo(3);
        assertThat(first.closedByVm || second.closedByVm).as("the first two keep their places").isFalse();
        assertThat(vmB.connections("pending")).isEqualTo(2);

        first.close();
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 1);
        Client third = new Client(vmB, ELSEWHERE); // a place came free
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 2);
        assertThat(third.closedByVm).isFalse();
        assertThat(vmB.refused("connection_limit")).isEqualTo(3);
    }

    @Test
    void withThePendingCapFullOfIdleSocketsARunPeerStillConnectsAndDelivers() throws IOException {
        Node vmB = node(Node.settings("vmB", logs).maxPendingConnections(2).helloTimeout(Duration.ofMinutes(1)));
        Node vmA = node(Node.settings("vmA", logs));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", vmA.address())), 50, 10, 2));
        List<Client> idle = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            idle.add(new Client(vmB, ELSEWHERE));
        }
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 2);
        Client over = new Client(vmB, ELSEWHERE);
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
        Client elsewhere = new Client(vmB, ELSEWHERE);
        await().atMost(PATIENCE).until(() -> vmB.connections("pending") == 1);

        // from the peer's address: its reserve of 2 (the shared place is taken)
        List<Client> fromPeer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fromPeer.add(new Client(vmB, InetAddress.getLoopbackAddress()));
        }
        await().atMost(PATIENCE).until(() -> fromPeer.get(2).closedByVm);
        assertThat(fromPeer.subList(0, 2)).noneMatch(c -> c.closedByVm);
        assertThat(vmB.connections("pending")).isEqualTo(3);
        Client another = new Client(vmB, ELSEWHERE);
        await().atMost(PATIENCE).until(() -> another.closedByVm);
        assertThat(vmB.refused("connection_limit")).isEqualTo(2);
        assertThat(elsewhere.closedByVm).isFalse();
    }

    @Test
    void aSecondHelloFromTheSameSenderReplacesTheFirstConnection() throws IOException {
        Node vmB = node(Node.settings("vmB", logs));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1"), new Peer("vmC", "127.0.0.1:1")), 10, 10, 1));
        byte[] hello = FakePeer.CODEC.encode(new Frame.Hello(runId, "vmA", "vmB"));
        Client old = new Client(vmB, InetAddress.getLoopbackAddress());
        old.write(hello);
        old.write(FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-1", 1)));
        await().atMost(PATIENCE).until(() -> vmB.runtime.view().queueLength() == 1);
        Client other = new Client(vmB, InetAddress.getLoopbackAddress());
        other.write(FakePeer.CODEC.encode(new Frame.Hello(runId, "vmC", "vmB")));
        await().atMost(PATIENCE).until(() -> vmB.connections("authenticated") == 2);

        Client fresh = new Client(vmB, InetAddress.getLoopbackAddress());
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
}
