package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.LamportClock;
import io.clocklab.core.model.Message;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import io.clocklab.vm.metrics.VmMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Frames built with the cluster secret that a hostile or broken peer could send, on a real VM
 * (runtime, side port, metrics) over loopback: each is refused, counted by reason, its connection
 * closed, and the run goes on.
 */
class HostileFramesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path logs;
    private final String runId = VmClient.newRunId();
    private Node vmB;

    @AfterEach
    void close() {
        if (vmB != null) {
            vmB.close();
        }
    }

    /** vmB, running at 50 ticks/s; its peers vmA and vmC listen nowhere. */
    private Node runningReceiver() {
        vmB = new Node("vmB", logs);
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1"), new Peer("vmC", "127.0.0.1:1")), 50, 10, 3));
        vmB.runtime.start(new RunStart(runId, Instant.now(), null));
        return vmB;
    }

    private static byte[] hello(String runId, String sender) {
        return FakePeer.CODEC.encode(new Frame.Hello(runId, sender, "vmB"));
    }

    @Test
    void aClockAboveTheCeilingIsRefusedCountedAndClosedAndTheRunGoesOn() throws IOException {
        Node vm = runningReceiver();
        long[] hostile = {Long.MAX_VALUE - 40, Long.MAX_VALUE, LamportClock.MAX_MESSAGE_CLOCK + 1};
        for (int i = 0; i < hostile.length; i++) {
            try (Socket socket = FakePeer.write(vm.port(), hello(runId, "vmA"),
                    FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-" + (i + 1), hostile[i])))) {
                assertThat(readUntilClosed(socket)).as("the RESUME, then the close").isEqualTo(1);
            }
        }
        await().atMost(PATIENCE).until(() -> vm.rejected("clock_out_of_range") == hostile.length);

        long clock = vm.runtime.view().logicalClock();
        await().atMost(PATIENCE).until(() -> vm.runtime.view().logicalClock() > clock + 10);
        assertThat(vm.runtime.view().state()).isEqualTo(VmState.RUNNING);
        assertThat(vm.runtime.view().logicalClock()).as("nothing hostile was received").isLessThan(1_000);
        assertThat(vm.log(runId)).noneMatch(e -> e.type() == EventType.RECEIVE);
        assertThat(vm.runtime.view().queueLength()).isZero();
        try (Socket again = FakePeer.write(vm.port(), hello(runId, "vmA"))) {
            assertThat(FakePeer.CODEC.read(new DataInputStream(again.getInputStream())))
                    .as("nothing was queued: Q is still 0").isEqualTo(new Frame.Resume(runId, 0, 0));
        } catch (FrameRejectedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMessageAtTheCeilingIsReceivedAndTheClockStaysUnderCeilingPlusTicksWithoutStopping() throws IOException {
        Node vm = runningReceiver();
        try (Socket socket = FakePeer.write(vm.port(), hello(runId, "vmA"),
                FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-1", LamportClock.MAX_MESSAGE_CLOCK)))) {
            await().atMost(PATIENCE).until(() -> vm.runtime.view().logicalClock() > LamportClock.MAX_MESSAGE_CLOCK + 20);
        }
        assertThat(vm.runtime.view().state()).as("the tick did not overflow").isEqualTo(VmState.RUNNING);
        List<Event> events = vm.log(runId);
        assertThat(events).filteredOn(e -> e.type() == EventType.RECEIVE).singleElement()
                .extracting(Event::logicalClock).isEqualTo(LamportClock.MAX_MESSAGE_CLOCK + 1);
        for (Event event : events) {
            assertThat(event.logicalClock()).as("clock <= ceiling + number of events")
                    .isLessThanOrEqualTo(LamportClock.MAX_MESSAGE_CLOCK + event.seq());
        }
        assertThat(vm.rejected("clock_out_of_range")).isZero();
    }

    @Test
    void aHelloFromANonPeerOrFromTheVmItselfIsAnUnknownSender() throws IOException {
        Node vm = runningReceiver();
        try (Socket mallory = FakePeer.write(vm.port(), hello(runId, "mallory"),
                FakePeer.CODEC.encode(new Message(runId, "mallory", "mallory-1", 5)));
             Socket itself = FakePeer.write(vm.port(), hello(runId, "vmB"),
                     FakePeer.CODEC.encode(new Message(runId, "vmB", "vmB-1", 5)))) {
            assertThat(readUntilClosed(mallory)).as("no RESUME, only the close").isZero();
            assertThat(readUntilClosed(itself)).isZero();
        }
        await().atMost(PATIENCE).until(() -> vm.rejected("unknown_sender") == 2);
        try (Socket peer = FakePeer.write(vm.port(), hello(runId, "vmC"))) {
            assertThat(FakePeer.CODEC.read(new DataInputStream(peer.getInputStream()))).as("a real peer is still welcome")
                    .isEqualTo(new Frame.Resume(runId, 0, 0));
        } catch (FrameRejectedException e) {
            throw new AssertionError(e);
        }
        assertThat(vm.rejected("unknown_sender")).isEqualTo(2);
        assertThat(vm.runtime.view().state()).isEqualTo(VmState.RUNNING);
        assertThat(vm.log(runId)).noneMatch(e -> e.type() == EventType.RECEIVE);
        assertThat(vm.runtime.delivery(runId).unconfirmed()).as("no state is kept for unknown senders").containsOnlyKeys("vmA", "vmC");
    }

    @Test
    void theRuntimeRefusesUnknownSendersAndOutOfRangeClocksItself() {
        vmB = new Node("vmB", logs);
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 10, 10, 1));
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> vmB.runtime.hello(runId, "mallory")).reason())
                .isEqualTo(RejectReason.UNKNOWN_SENDER);
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> vmB.runtime.hello(runId, "vmB")).reason())
                .isEqualTo(RejectReason.UNKNOWN_SENDER);
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> vmB.runtime.hello("other-run", "mallory")).reason())
                .as("the run is checked first").isEqualTo(RejectReason.WRONG_RUN);
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> vmB.runtime.deliver(
                new Message(runId, "vmA", "vmA-1", LamportClock.MAX_MESSAGE_CLOCK + 1))).reason()).isEqualTo(RejectReason.CLOCK_OUT_OF_RANGE);
        assertThat(vmB.runtime.view().queueLength()).isZero();
    }

    @Test
    void everyReasonIsRegisteredAtZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new VmMetrics(registry);
        for (RejectReason reason : RejectReason.values()) {
            Counter counter = registry.find("vm.rejected.frames").tag("reason", reason.tag()).counter();
            assertThat(counter).as(reason.tag()).isNotNull();
            assertThat(counter.count()).isZero();
        }
        assertThat(registry.find("vm.rejected.frames").tag("reason", "clock_out_of_range").counter()).isNotNull();
        assertThat(registry.find("vm.rejected.frames").tag("reason", "unknown_sender").counter()).isNotNull();
    }

    /** Reads frames until the VM closes the connection; returns how many came. */
    static int readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int frames = 0;
        try {
            for (Frame frame = FakePeer.CODEC.read(in); frame != null; frame = FakePeer.CODEC.read(in)) {
                if (frame instanceof Frame.Resume) {
                    frames++;
                }
            }
        } catch (FrameRejectedException e) {
            throw new AssertionError(e);
        } catch (SocketException e) {
            // a reset is a close too
        }
        return frames;
    }
}
