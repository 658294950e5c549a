package io.clocklab.vm.net;

import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.metrics.VmMetrics;
import io.clocklab.vm.run.DeliveryProgress;
import io.clocklab.vm.run.VmRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The accepting side of one side-port connection (docs/protocol.md). Its thread reads a HELLO,
 * which binds the connection to (run, sender), answers RESUME, then queues MESSAGEs at network
 * speed, dropping duplicates. {@link #ackIfChanged()} is called by the server's one ACK scheduler.
 * Writes (the RESUME, ACKs) take the connection's write lock; nothing else does.
 */
final class InboundConnection {

    private static final Logger log = LoggerFactory.getLogger(InboundConnection.class);

    /** What the HELLO bound this connection to. */
    private record Binding(String runId, String sender) {
    }

    private final Socket socket;
    private final String self;
    private final FrameCodec codec;
    private final VmRuntime runtime;
    private final VmMetrics metrics;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Null until the RESUME is written: no ACK goes out before it. */
    private volatile Binding binding;
    /** Guarded by writeLock. */
    private DeliveryProgress lastSent;

    InboundConnection(Socket socket, String self, FrameCodec codec, VmRuntime runtime, VmMetrics metrics) {
        this.socket = socket;
        this.self = self;
        this.codec = codec;
        this.runtime = runtime;
        this.metrics = metrics;
    }

    /** Serves the connection until it ends; a refused frame is counted and ends it. */
    void serve() {
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            Frame first = codec.read(in);
            if (first == null) {
                return;
            }
            Binding bound = handshake(first);
            for (Frame frame = codec.read(in); frame != null; frame = codec.read(in)) {
                if (!(frame instanceof Frame.MessageFrame carried)) {
                    throw new FrameRejectedException(RejectReason.UNEXPECTED_FRAME, frame.type() + " after the HELLO");
                }
                Message message = carried.message();
                FrameCodec.requireRun(message.runId(), bound.runId());
                if (!message.from().equals(bound.sender()) || MessageIds.seqIfFrom(bound.sender(), message.messageId()) < 1) {
                    throw new FrameRejectedException(RejectReason.SENDER_MISMATCH, "message " + message.messageId() + " from "
                            + message.from() + " on " + bound.sender() + "'s connection");
                }
                if (!runtime.deliver(message)) {
                    metrics.rejected(RejectReason.DUPLICATE);
                    log.debug("dropped {} of run {}: already queued", message.messageId(), message.runId());
                }
            }
        } catch (FrameRejectedException e) {
            metrics.rejected(e.reason());
            log.info("closed {}: rejected frame, {}", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            log.debug("connection {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
        }
    }

    private Binding handshake(Frame first) throws FrameRejectedException, IOException {
        if (!(first instanceof Frame.Hello hello)) {
            throw new FrameRejectedException(RejectReason.UNEXPECTED_FRAME, first.type() + " before any HELLO");
        }
        if (!hello.recipient().equals(self)) {
            throw new FrameRejectedException(RejectReason.WRONG_RECIPIENT, "HELLO for " + hello.recipient() + ", this is " + self);
        }
        DeliveryProgress progress = runtime.hello(hello.runId(), hello.sender());
        Binding bound = new Binding(hello.runId(), hello.sender());
        writeLock.lock();
        try {
            write(new Frame.Resume(hello.runId(), progress.queuedUpTo(), progress.receivedUpTo()));
            lastSent = progress;
            binding = bound;
        } finally {
            writeLock.unlock();
        }
        log.debug("{} joined for run {}: RESUME Q {} R {}", hello.sender(), hello.runId(), progress.queuedUpTo(), progress.receivedUpTo());
        return bound;
    }

    /**
     * Sends an ACK if Q or R moved since the last RESUME or ACK. Skips this round if a write is under
     * way, so one slow connection never holds up the scheduler's other connections for long.
     */
    void ackIfChanged() {
        Binding bound = binding;
        if (bound == null) {
            return;
        }
        DeliveryProgress progress = runtime.progress(bound.runId(), bound.sender());
        if (progress == null || !writeLock.tryLock()) {
            return;
        }
        try {
            if (!progress.equals(lastSent)) {
                write(new Frame.Ack(bound.runId(), progress.queuedUpTo(), progress.receivedUpTo()));
                lastSent = progress;
            }
        } catch (IOException e) {
            close();
        } finally {
            writeLock.unlock();
        }
    }

    private void write(Frame frame) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(codec.encode(frame));
        out.flush();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "connection from " + socket.getRemoteSocketAddress();
    }
}
