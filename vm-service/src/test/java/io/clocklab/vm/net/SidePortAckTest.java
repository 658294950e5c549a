package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.wire.Frame;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.clocklab.vm.metrics.ConnectionRefusal;
import io.clocklab.vm.metrics.VmMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The acceptor's ACKs on real sockets: keepalives on idle connections, and no connection holding up another's. */
class SidePortAckTest {

    @TempDir
    Path logs;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String runId = VmClient.newRunId();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private Node receiver(Duration ackInterval, Duration keepaliveInterval, Duration keepaliveTimeout) {
        Node vmB = new Node("vmB", logs, ackInterval, keepaliveInterval, keepaliveTimeout);
        closing.add(vmB);
        // vmA and vmC are peers that never answer: only a run's peers may say HELLO
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1"), new Peer("vmC", "127.0.0.1:1")), 10, 10, 12));
        return vmB;
    }

    /** Connects as {@code sender}, says HELLO and reads the RESUME. */
    private Socket join(Node vmB, String sender, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        closing.add(socket);
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), vmB.port()));
        socket.getOutputStream().write(FakePeer.CODEC.encode(new Frame.Hello(runId, sender, "vmB")));
        return socket;
    }

    @Test
    void anIdleConnectionGetsAnAckAtLeastEveryKeepaliveInterval() throws Exception {
        Node vmB = receiver(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1));
        Socket socket = join(vmB, "vmA", 0);
        socket.setSoTimeout(400);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        assertThat(FakePeer.CODEC.read(in)).isEqualTo(new Frame.Resume(runId, 0, 0));

        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(FakePeer.CODEC.read(in)).as("nothing changed, yet an ACK comes").isEqualTo(new Frame.Ack(runId, 0, 0));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1300));
    }

    /** Admits every connection, as a server with room would. */
    private static final InboundConnection.Gate OPEN_GATE = new InboundConnection.Gate() {
        @Override
        public boolean authenticated(InboundConnection connection, String sender) {
            return true;
        }

        @Override
        public void refused(InboundConnection connection, ConnectionRefusal reason, String detail) {
            throw new AssertionError("refused " + connection + ": " + reason + ", " + detail);
        }
    };

    /** A socket that has received a HELLO from {@code sender}; its writes after the first (the RESUME) block if told to. */
    private static final class StubSocket extends Socket {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();
        final boolean stuck;
        final byte[] hello;
        volatile boolean closed;

        StubSocket(String runId, String sender, boolean stuck) {
            this.stuck = stuck;
            this.hello = FakePeer.CODEC.encode(new Frame.Hello(runId, sender, "vmB"));
        }

        @Override
        public InputStream getInputStream() {
            return new SequenceInputStream(new ByteArrayInputStream(hello), new InputStream() {
                @Override
                public int read() throws IOException {
                    await(release); // the sender says nothing more
                    throw new SocketException("closed");
                }
            });
        }

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (stuck && writes.get() > 0) {
                        await(release); // the sender stopped reading: its buffers are full
                        throw new SocketException("closed");
                    }
                    writes.incrementAndGet();
                }
            };
        }

        private static void await(CountDownLatch latch) throws IOException {
            try {
                latch.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public synchronized void close() {
            closed = true;
            release.countDown();
        }
    }

    @Test
    void anAckWriteThatBlocksHoldsUpNeitherTheSchedulerNorOtherConnectionsAndIsClosedAfterTheTimeout() throws Exception {
        // the write timeout (3 s) is well above the 20 rounds of 20 ms below, even on a loaded machine
        Duration writeTimeout = Duration.ofSeconds(3);
        Node vmB = receiver(Duration.ofMillis(20), Duration.ofMillis(20), writeTimeout);
        ExecutorService writes = Executors.newCachedThreadPool();
        closing.add(writes::shutdownNow);
        StubSocket stuckSocket = new StubSocket(runId, "vmC", true);
        StubSocket goodSocket = new StubSocket(runId, "vmA", false);
        closing.add(stuckSocket);
        closing.add(goodSocket);
        List<InboundConnection> connections = new ArrayList<>();
        for (StubSocket socket : List.of(stuckSocket, goodSocket)) {
            InboundConnection connection = new InboundConnection(socket, System.nanoTime(), new InboundConnection.Settings("vmB",
                    Duration.ofMillis(20), Duration.ofMillis(20), writeTimeout, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                    FakePeer.CODEC, vmB.runtime, new VmMetrics(new SimpleMeterRegistry()), writes, OPEN_GATE);
            Thread reader = new Thread(connection::serve);
            reader.setDaemon(true);
            reader.start();
            connections.add(connection);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> stuckSocket.writes.get() == 1 && goodSocket.writes.get() == 1); // the RESUMEs

        // this thread plays the ACK scheduler: every call must return at once, whatever the stuck one does
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int round = 0; round < 20; round++) {
                connections.forEach(InboundConnection::ackIfDue);
                Thread.sleep(20);
            }
        });
        assertThat(goodSocket.writes.get()).as("the good connection's keepalive ACKs").isGreaterThan(5);
        assertThat(stuckSocket.closed).isFalse();

        await().atMost(writeTimeout.multipliedBy(2)).untilAsserted(() -> {
            connections.forEach(InboundConnection::ackIfDue);
            assertThat(stuckSocket.closed).as("closed once its write was stuck for the write timeout").isTrue();
        });
        assertThat(goodSocket.closed).isFalse();
    }
}
