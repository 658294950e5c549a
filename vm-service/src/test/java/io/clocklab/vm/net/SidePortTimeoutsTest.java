package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.model.Message;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The side port's read deadlines on real loopback sockets, with short timeouts (300 ms): a socket
 * that says no HELLO, a frame cut short, a writer that trickles a byte at a time are each closed
 * and counted; an authenticated connection idle between frames, and a reader held up by a full
 * queue, are not.
 */
class SidePortTimeoutsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

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

    /** vmB with 300 ms hello and frame timeouts; vmA is its run's peer, listening nowhere. */
    private Node receiver(Node.Settings settings) {
        Node vmB = new Node(settings.helloTimeout(TIMEOUT).frameReadTimeout(TIMEOUT));
        closing.add(vmB);
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 20, 10, 5));
        return vmB;
    }

    private Node receiver() {
        return receiver(Node.settings("vmB", logs));
    }

    /** A peer's socket to vmB, whose frames (RESUME, ACKs) a thread reads until vmB closes it. */
    private byte[] message(int seq) {
        return FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-" + seq, seq));
    }

    private RawClient client(Node vm) throws IOException {
        RawClient client = new RawClient(vm);
        closing.add(client);
        return client;
    }

    /** Says HELLO as vmA and waits for the RESUME. */
    private RawClient hello(RawClient client) throws IOException {
        client.write(FakePeer.CODEC.encode(new Frame.Hello(runId, "vmA", "vmB")));
        await().atMost(PATIENCE).until(() -> !client.frames.isEmpty());
        assertThat(client.frames.get(0)).isInstanceOf(Frame.Resume.class);
        return client;
    }

    @Test
    void aSocketThatSaysNoHelloIsClosedAfterTheHelloTimeoutAndCounted() throws IOException {
        Node vmB = receiver();
        RawClient silent = client(vmB);

        await().atMost(PATIENCE).until(() -> silent.closedByVm);
        assertThat(vmB.refused("hello_timeout")).isEqualTo(1);
        assertThat(vmB.refused("read_timeout")).isZero();
        // the place is given back just after the socket is closed
        await("its place is free again").atMost(PATIENCE).until(() -> vmB.connections("pending") == 0);
        assertThat(silent.frames).isEmpty();
    }

    @Test
    void aHelloCutShortIsClosedAtTheHelloTimeoutToo() throws IOException {
        Node vmB = receiver(Node.settings("vmB", logs).frameReadTimeout(Duration.ofSeconds(30)));
        RawClient slow = client(vmB);
        byte[] hello = FakePeer.CODEC.encode(new Frame.Hello(runId, "vmA", "vmB"));
        slow.write(Arrays.copyOf(hello, hello.length - 1));

        await().atMost(PATIENCE).until(() -> slow.closedByVm);
        assertThat(vmB.refused("hello_timeout")).isEqualTo(1);
        assertThat(slow.frames).as("no RESUME").isEmpty();
    }

    @Test
    void aTruncatedFrameThenSilenceIsClosedAfterTheReadTimeoutAndCounted() throws IOException {
        Node vmB = receiver();
        RawClient truncated = hello(client(vmB));
        truncated.write(message(1));
        await().atMost(PATIENCE).until(() -> vmB.runtime.view().queueLength() == 1);
        truncated.write(Arrays.copyOf(message(2), 20));

        await().atMost(PATIENCE).until(() -> truncated.closedByVm);
        assertThat(vmB.refused("read_timeout")).isEqualTo(1);
        assertThat(vmB.refused("hello_timeout")).isZero();
        assertThat(vmB.rejected(RejectReason.MALFORMED.tag())).as("a timeout, not a bad frame").isZero();
        assertThat(vmB.runtime.view().queueLength()).as("the whole frame before it was queued, the cut one not").isEqualTo(1);
        assertThat(vmB.connections("authenticated")).isZero();
    }

    @Test
    void aWriterThatTricklesAByteAtATimeIsClosedAboutTheReadTimeoutAfterItsFirstByte() throws Exception {
        Node vmB = receiver();
        RawClient loris = hello(client(vmB));
        byte[] frame = message(1);
        AtomicInteger written = new AtomicInteger();
        AtomicLong firstByteAt = new AtomicLong();
        Thread trickle = new Thread(() -> {
            try {
                for (byte b : frame) {
                    if (written.get() == 0) {
                        firstByteAt.set(System.nanoTime()); // before the VM can have read it
                    }
                    loris.write(new byte[] {b});
                    written.incrementAndGet();
                    Thread.sleep(TIMEOUT.toMillis() / 6); // each byte well within the read timeout of the last
                }
            } catch (IOException | InterruptedException e) {
                // closed by the VM
            }
        }, "slow-loris");
        trickle.setDaemon(true);
        trickle.start();

        await().atMost(PATIENCE).until(() -> loris.closedByVm);
        long heldFor = System.nanoTime() - firstByteAt.get();
        assertThat(vmB.refused("read_timeout")).isEqualTo(1);
        assertThat(written.get()).as("closed long before the frame (%d bytes) was complete", frame.length).isLessThan(frame.length);
        assertThat(Duration.ofNanos(heldFor)).as("not before the read timeout from its first byte").isGreaterThanOrEqualTo(TIMEOUT);
        assertThat(vmB.runtime.view().queueLength()).isZero();
    }

    @Test
    void anAuthenticatedConnectionIdleBetweenFramesForLongerThanTheTimeoutsStaysOpenAndKeepsWorking() throws IOException {
        Node vmB = receiver();
        RawClient idle = hello(client(vmB));
        idle.write(message(1));
        await().atMost(PATIENCE).until(() -> vmB.runtime.view().queueLength() == 1);

        // many times the hello and read timeouts with nothing to send: vmB's keepalive ACKs go on, the connection stays
        await().during(TIMEOUT.multipliedBy(5)).atMost(PATIENCE).until(() -> !idle.closedByVm
                && vmB.connections("authenticated") == 1);
        assertThat(idle.frames).as("RESUME and keepalive ACKs").hasSizeGreaterThan(2);

        idle.write(message(2));
        await().atMost(PATIENCE).until(() -> vmB.runtime.view().queueLength() == 2);
        assertThat(vmB.runtime.delivery(runId).queued()).containsExactly("vmA-1", "vmA-2");
        assertThat(vmB.refused("read_timeout") + vmB.refused("hello_timeout")).isZero();
        assertThat(idle.closedByVm).isFalse();
    }

    @Test
    void aReaderWaitingForRoomInTheQueueIsNotTimedOutEvenWithHalfAFrameRead() throws IOException {
        Node vmB = receiver(Node.settings("vmB", logs).maxQueueLength(1));
        RawClient peer = hello(client(vmB));
        byte[] third = message(3);
        // Two whole frames and half a third in one write: the reader takes in the half with the others, then waits
        // for room (the run has not started: nobody takes from the queue) for many read timeouts.
        byte[] burst = new byte[message(1).length + message(2).length + third.length / 2];
        System.arraycopy(message(1), 0, burst, 0, message(1).length);
        System.arraycopy(message(2), 0, burst, message(1).length, message(2).length);
        System.arraycopy(third, 0, burst, message(1).length + message(2).length, third.length / 2);
        peer.write(burst);
        await().atMost(PATIENCE).until(() -> vmB.backpressureWaits() == 1);
        await().during(TIMEOUT.multipliedBy(3)).atMost(PATIENCE).until(() -> !peer.closedByVm);
        peer.write(Arrays.copyOfRange(third, third.length / 2, third.length)); // the rest, long after the first half

        await().during(TIMEOUT.multipliedBy(3)).atMost(PATIENCE).until(() -> !peer.closedByVm);
        vmB.runtime.start(new RunStart(runId, Instant.now(), null));
        await().atMost(PATIENCE).until(() -> vmB.receivedFrom(runId, "vmA").size() == 3);
        assertThat(vmB.receivedFrom(runId, "vmA")).containsExactly("vmA-1", "vmA-2", "vmA-3");
        assertThat(vmB.refused("read_timeout")).isZero();
        assertThat(peer.closedByVm).isFalse();
    }
}
