package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.model.LamportClock;
import io.clocklab.core.model.Message;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long refusing each hostile frame takes: the codec in memory plus the runtime's check (median
 * and 99th percentile over a few thousand frames, after a warm-up), and, for scale, the whole
 * loopback path (connect, HELLO, hostile frame, close seen by the client). Prints the figures for
 * the notes and asserts only behaviour (every frame refused under its reason, nothing queued): speed
 * is measured here, never asserted.
 */
class HostileFrameTimingTest {

    private static final int WARMUP = 2_000;
    private static final int ROUNDS = 5_000;
    private static final int SOCKET_ROUNDS = 500;

    @TempDir
    Path logs;
    private final String runId = VmClient.newRunId();
    private Node vm;

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private interface Rejection {
        RejectReason run() throws Exception;
    }

    /** Runs {@code rejection} WARMUP + ROUNDS times; each must refuse for {@code expected}. Returns sorted nanos. */
    private static long[] time(RejectReason expected, Rejection rejection, int rounds) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = -WARMUP; i < rounds; i++) {
            long start = System.nanoTime();
            RejectReason reason = rejection.run();
            long took = System.nanoTime() - start;
            assertThat(reason).isEqualTo(expected);
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static String figures(String what, long[] sorted) {
        return String.format("TIMING %-58s median %8.1f us  p99 %8.1f us  (n=%d)", what,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, sorted.length);
    }

    private static RejectReason refusal(ThrowingRunnable step) throws Exception {
        try {
            step.run();
        } catch (FrameRejectedException e) {
            return e.reason();
        }
        return null;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void rejectingEachHostileFrameTakesMicroseconds() throws Exception {
        vm = new Node("vmB", logs);
        vm.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1"), new Peer("vmC", "127.0.0.1:1")), 10, 10, 1));
        FrameCodec codec = FakePeer.CODEC;
        byte[] overflow = codec.encode(new Message(runId, "vmA", "vmA-1", Long.MAX_VALUE - 40));
        byte[] maxLong = codec.encode(new Message(runId, "vmA", "vmA-1", Long.MAX_VALUE));
        byte[] mallory = codec.encode(new Frame.Hello(runId, "mallory", "vmB"));
        byte[] itself = codec.encode(new Frame.Hello(runId, "vmB", "vmB"));
        byte[] peerHello = codec.encode(new Frame.Hello(runId, "vmA", "vmB"));
        byte[] forged = new FrameCodec("not-the-secret", 1024).encode(new Message(runId, "vmA", "vmA-1", Long.MAX_VALUE));

        StringBuilder report = new StringBuilder("\n");
        report.append(figures("clock 2^63-40: codec (-> clock_out_of_range)", time(RejectReason.CLOCK_OUT_OF_RANGE,
                () -> refusal(() -> codec.read(new ByteArrayInputStream(overflow))), ROUNDS))).append('\n');
        report.append(figures("clock 2^63-1: codec (-> clock_out_of_range)", time(RejectReason.CLOCK_OUT_OF_RANGE,
                () -> refusal(() -> codec.read(new ByteArrayInputStream(maxLong))), ROUNDS))).append('\n');
        report.append(figures("HELLO from mallory: codec + VmRuntime.hello (-> unknown_sender)", time(RejectReason.UNKNOWN_SENDER,
                () -> refusal(() -> {
                    Frame.Hello hello = (Frame.Hello) codec.read(new ByteArrayInputStream(mallory));
                    vm.runtime.hello(hello.runId(), hello.sender());
                }), ROUNDS))).append('\n');
        report.append(figures("HELLO from itself: codec + VmRuntime.hello (-> unknown_sender)", time(RejectReason.UNKNOWN_SENDER,
                () -> refusal(() -> {
                    Frame.Hello hello = (Frame.Hello) codec.read(new ByteArrayInputStream(itself));
                    vm.runtime.hello(hello.runId(), hello.sender());
                }), ROUNDS))).append('\n');
        report.append(figures("for scale: a peer's HELLO accepted, codec + VmRuntime.hello", time(null,
                () -> refusal(() -> {
                    Frame.Hello hello = (Frame.Hello) codec.read(new ByteArrayInputStream(peerHello));
                    vm.runtime.hello(hello.runId(), hello.sender());
                }), ROUNDS))).append('\n');
        report.append(figures("for scale: wrong secret, clock 2^63-1: codec (-> unauthenticated)", time(RejectReason.UNAUTHENTICATED,
                () -> refusal(() -> codec.read(new ByteArrayInputStream(forged))), ROUNDS))).append('\n');

        // The whole path on loopback: connect, HELLO + hostile MESSAGE, until the VM closes the connection.
        double before = vm.rejected("clock_out_of_range");
        long[] socketNanos = new long[SOCKET_ROUNDS];
        for (int i = -200; i < SOCKET_ROUNDS; i++) {
            long start = System.nanoTime();
            try (Socket socket = FakePeer.write(vm.port(), peerHello, overflow)) {
                assertThat(HostileFramesTest.readUntilClosed(socket)).isEqualTo(1);
            }
            if (i >= 0) {
                socketNanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(socketNanos);
        report.append(figures("loopback: connect, HELLO, RESUME, clock 2^63-40, close", socketNanos)).append('\n');
        long[] malloryNanos = new long[SOCKET_ROUNDS];
        for (int i = -200; i < SOCKET_ROUNDS; i++) {
            long start = System.nanoTime();
            try (Socket socket = FakePeer.write(vm.port(), mallory)) {
                assertThat(HostileFramesTest.readUntilClosed(socket)).isZero();
            }
            if (i >= 0) {
                malloryNanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(malloryNanos);
        report.append(figures("loopback: connect, HELLO from mallory, close", malloryNanos)).append('\n');
        System.out.println(report);

        await().atMost(Duration.ofSeconds(10)).until(() -> vm.rejected("clock_out_of_range") == before + SOCKET_ROUNDS + 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.rejected("unknown_sender") == SOCKET_ROUNDS + 200);
        assertThat(vm.runtime.view().queueLength()).isZero();
    }
}
