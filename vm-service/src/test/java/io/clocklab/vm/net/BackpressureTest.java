package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.Message;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer floods a VM whose queue is small and whose ticker is slow, on a real loopback socket: the
 * VM stops reading (TCP backpressure), its queue stays at the bound, nothing is refused or dropped,
 * it keeps running, and the waiting connection ends when the run stops.
 */
class BackpressureTest {

    private static final int BOUND = 100;
    /** About 3.5 MB of frames: far more than the loopback socket buffers can hold, so the writer must block. */
    private static final int FLOOD = BOUND + 40_000;
    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path logs;
    private Node vm;
    private Socket socket;

    @AfterEach
    void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void aFloodWaitsInTheSendersBufferWhileTheQueueStaysAtItsBound() throws Exception {
        vm = new Node("vmB", logs, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), BOUND);
        String runId = VmClient.newRunId();
        vm.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 1, 10, 12));
        vm.runtime.start(new RunStart(runId, Instant.now(), null));

        socket = new Socket();
        socket.setSendBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), vm.port()));
        OutputStream out = socket.getOutputStream();
        out.write(FakePeer.CODEC.encode(new Frame.Hello(runId, "vmA", "vmB")));
        out.flush();
        InputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        assertThat(FakePeer.CODEC.read(in)).isInstanceOf(Frame.Resume.class);
        AtomicBoolean closedByVm = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                while (FakePeer.CODEC.read(in) != null) {
                    // ACKs
                }
            } catch (Exception e) {
                // reset: closed too
            }
            closedByVm.set(true);
        }, "flood-acks");
        reader.setDaemon(true);
        reader.start();

        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            try {
                for (int seq = 1; seq <= FLOOD; seq++) {
                    out.write(FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-" + seq, seq)));
                    written.incrementAndGet();
                }
                out.flush();
            } catch (IOException e) {
                // the VM closed the connection
            }
        }, "flood");
        writer.setDaemon(true);
        writer.start();

        await().atMost(LONG).until(() -> vm.runtime.view().queueLength() == BOUND);
        assertThat(vm.backpressureWaits()).isGreaterThanOrEqualTo(1);
        // A tick a second takes one message, and the waiting connection refills the place at once.
        await().during(Duration.ofMillis(1500)).atMost(LONG).until(() -> {
            int length = vm.runtime.view().queueLength();
            return length <= BOUND && length >= BOUND - 1 && written.get() < FLOOD && writer.isAlive()
                    && vm.runtime.view().state() == VmState.RUNNING;
        });
        long received = vm.receivedFrom(runId, "vmA").size();
        assertThat(vm.runtime.delivery(runId).queued()).hasSizeLessThanOrEqualTo(BOUND);
        assertThat(vm.runtime.progress(runId, "vmA").queuedUpTo()).as("Q: what was queued, never more than bound + received")
                .isLessThanOrEqualTo(BOUND + received + 1);
        for (RejectReason reason : RejectReason.values()) {
            assertThat(vm.rejected(reason.tag())).as(reason.tag()).isZero();
        }

        vm.runtime.stop(runId);
        await().atMost(LONG).untilTrue(closedByVm);
        await().atMost(LONG).until(() -> !writer.isAlive());
        assertThat(written.get()).as("the sender kept the rest").isLessThan(FLOOD);
        assertThat(vm.runtime.view().queueLength()).isLessThanOrEqualTo(BOUND);
    }
}
