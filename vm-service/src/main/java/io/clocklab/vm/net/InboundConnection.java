package io.clocklab.vm.net;

import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.metrics.ConnectionRefusal;
import io.clocklab.vm.metrics.VmMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The accepting side of one side-port connection (docs/protocol.md). Its thread reads a HELLO,
 * which binds the connection to (run, sender), answers RESUME, then queues MESSAGEs at network
 * speed, dropping duplicates. While the VM's queue is full it stops reading (TCP backpressure
 * holds the sender back) until a tick makes room. {@link #ackIfDue()} is called by the server's one
 * ACK scheduler, which never writes itself: it hands the ACK to the server's write pool, at most one write per connection
 * at a time, so a sender that stops reading holds up only its own ACKs. Writes (the RESUME, ACKs)
 * take the connection's write lock; nothing else does.
 * <p>
 * Reads have deadlines ({@link FrameReader}): the HELLO must be complete within the hello timeout of
 * the accept, and any frame within the frame read timeout of its first byte; between frames an
 * authenticated connection may stay idle. A valid HELLO asks the server's {@link Gate} for an
 * authenticated place, which closes the sender's older connection, if any.
 */
final class InboundConnection {

    private static final Logger log = LoggerFactory.getLogger(InboundConnection.class);

    /** What the HELLO bound this connection to. */
    private record Binding(String runId, String sender) {
    }

    /**
     * What a connection's timing is.
     *
     * @param self              this VM's name: HELLOs must be addressed to it
     * @param ackInterval       how often the scheduler calls {@link #ackIfDue()}
     * @param keepaliveInterval the longest gap between two ACKs, even when nothing changed
     * @param writeTimeout      an ACK write still under way after this long closes the connection
     * @param helloTimeout      a connection without a complete, valid HELLO this long after its accept is closed
     * @param frameReadTimeout  a frame not complete this long after its first byte closes the connection
     */
    record Settings(String self, Duration ackInterval, Duration keepaliveInterval, Duration writeTimeout,
                    Duration helloTimeout, Duration frameReadTimeout) {

        static Settings of(VmProperties properties) {
            return new Settings(properties.name(), properties.ackInterval(), properties.keepaliveInterval(),
                    properties.keepaliveTimeout(), properties.helloTimeout(), properties.frameReadTimeout());
        }
    }

    /** The server's side of a connection's life: admission at the HELLO, and refusals to count. */
    interface Gate {
        /**
         * The connection said a valid HELLO from {@code sender}: may it stay? The sender's older
         * connection, if any, is closed. False (counted already) when it must close.
         */
        boolean authenticated(InboundConnection connection, String sender);

        /** The connection is closed for {@code reason}: count it, and say so (rate-limited). */
        void refused(InboundConnection connection, ConnectionRefusal reason, String detail);
    }

    private final Socket socket;
    private final long acceptedAt;
    private final String self;
    private final FrameCodec codec;
    private final Inbound runtime;
    private final VmMetrics metrics;
    private final Executor writes;
    private final Gate gate;
    private final long ackIntervalNanos;
    private final long keepaliveNanos;
    private final long writeTimeoutNanos;
    private final long helloTimeoutNanos;
    private final long frameReadTimeoutNanos;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Null until the RESUME is written: no ACK goes out before it. */
    private volatile Binding binding;
    /** What the last RESUME or ACK said, and when it was written: set under writeLock, read by the scheduler. */
    private volatile DeliveryProgress lastSent;
    private volatile long lastSentAt;
    /** True from the moment an ACK is handed to {@link #writes} until its write has returned. */
    private final AtomicBoolean writing = new AtomicBoolean();
    /** When the write under way was handed over; the scheduler's thread alone reads and writes it. */
    private long writeHandedAt;

    /**
     * @param acceptedAt when the socket was accepted ({@link System#nanoTime()}): the HELLO's deadline runs from it
     * @param writes     where ACKs are written, off the scheduler's thread
     */
    InboundConnection(Socket socket, long acceptedAt, Settings settings, FrameCodec codec, Inbound runtime,
                      VmMetrics metrics, Executor writes, Gate gate) {
        this.socket = socket;
        this.acceptedAt = acceptedAt;
        this.self = settings.self();
        this.codec = codec;
        this.runtime = runtime;
        this.metrics = metrics;
        this.writes = writes;
        this.gate = gate;
        this.ackIntervalNanos = settings.ackInterval().toNanos();
        this.keepaliveNanos = settings.keepaliveInterval().toNanos();
        this.writeTimeoutNanos = settings.writeTimeout().toNanos();
        this.helloTimeoutNanos = settings.helloTimeout().toNanos();
        this.frameReadTimeoutNanos = settings.frameReadTimeout().toNanos();
    }

    /**
     * Serves the connection until it ends; a refused frame is counted and ends it, and so does a
     * deadline that passes (counted as a refused connection).
     */
    void serve() {
        try (socket) {
            try {
                serveFrames();
            } catch (FrameReader.TimedOut e) {
                gate.refused(this, e.reason(), e.getMessage()); // counted before the socket closes: whoever sees the close sees the count
            } catch (FrameRejectedException e) {
                metrics.rejected(e.reason());
                log.info("closed {}: rejected frame, {}", socket.getRemoteSocketAddress(), e.getMessage());
            }
        } catch (IOException e) {
            log.debug("connection {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
        }
    }

    private void serveFrames() throws IOException, FrameRejectedException {
        socket.setTcpNoDelay(true);
        FrameReader in = new FrameReader(socket, codec, frameReadTimeoutNanos);
        Frame first = in.next(acceptedAt + helloTimeoutNanos, ConnectionRefusal.HELLO_TIMEOUT);
        if (first == null) {
            return;
        }
        Binding bound = handshake(first);
        if (bound == null) {
            return;
        }
        for (Frame frame = in.next(FrameReader.NO_DEADLINE, null); frame != null; frame = in.next(FrameReader.NO_DEADLINE, null)) {
            if (!(frame instanceof Frame.MessageFrame carried)) {
                throw new FrameRejectedException(RejectReason.UNEXPECTED_FRAME, frame.type() + " after the HELLO");
            }
            Message message = carried.message();
            FrameCodec.requireRun(message.runId(), bound.runId());
            if (!message.from().equals(bound.sender()) || MessageIds.seqIfFrom(bound.sender(), message.messageId()) < 1) {
                throw new FrameRejectedException(RejectReason.SENDER_MISMATCH, "message " + message.messageId() + " from "
                        + message.from() + " on " + bound.sender() + "'s connection");
            }
            // While the queue is full this waits, reading nothing (TCP backpressure); the reader's clock does not run.
            Inbound.Delivery delivery = runtime.deliver(message, () -> !socket.isClosed());
            if (delivery == Inbound.Delivery.DUPLICATE) {
                metrics.rejected(RejectReason.DUPLICATE);
                log.debug("dropped {} of run {}: already queued", message.messageId(), message.runId());
            } else if (delivery == Inbound.Delivery.GAVE_UP) {
                log.debug("closing {}: the queue was full until the connection or run {} ended", this, bound.runId());
                return;
            }
        }
    }

    /** Checks the HELLO, takes an authenticated place and answers RESUME; null when no place was given. */
    private Binding handshake(Frame first) throws FrameRejectedException, IOException {
        if (!(first instanceof Frame.Hello hello)) {
            throw new FrameRejectedException(RejectReason.UNEXPECTED_FRAME, first.type() + " before any HELLO");
        }
        if (!hello.recipient().equals(self)) {
            throw new FrameRejectedException(RejectReason.WRONG_RECIPIENT, "HELLO for " + hello.recipient() + ", this is " + self);
        }
        runtime.hello(hello.runId(), hello.sender()); // wrong_run, unknown_sender: before it takes any place
        if (!gate.authenticated(this, hello.sender())) {
            return null;
        }
        // Asked again now that the sender's older connection, if any, is closed: what it queued last is in Q.
        DeliveryProgress progress = runtime.hello(hello.runId(), hello.sender());
        Binding bound = new Binding(hello.runId(), hello.sender());
        writeLock.lock();
        try {
            write(new Frame.Resume(hello.runId(), progress.queuedUpTo(), progress.receivedUpTo()));
            lastSent = progress;
            lastSentAt = System.nanoTime();
            binding = bound;
        } finally {
            writeLock.unlock();
        }
        log.debug("{} joined for run {}: RESUME Q {} R {}", hello.sender(), hello.runId(), progress.queuedUpTo(), progress.receivedUpTo());
        return bound;
    }

    /**
     * Hands an ACK to the write pool if Q or R moved since the last RESUME or ACK, or if the next round
     * would come after the keepalive interval. Never blocks: while this connection's previous ACK is
     * still being written nothing new is handed over, and one stuck for longer than the write timeout
     * (the sender stopped reading) closes the connection.
     */
    void ackIfDue() {
        Binding bound = binding;
        if (bound == null) {
            return;
        }
        long now = System.nanoTime();
        if (writing.get()) {
            if (now - writeHandedAt > writeTimeoutNanos) {
                log.info("closing {}: an ACK has been stuck in its write for over {} ms", this, writeTimeoutNanos / 1_000_000);
                close();
            }
            return;
        }
        DeliveryProgress progress = runtime.progress(bound.runId(), bound.sender());
        if (progress == null) {
            return;
        }
        boolean keepalive = now - lastSentAt + ackIntervalNanos > keepaliveNanos;
        if ((progress.equals(lastSent) && !keepalive) || !writing.compareAndSet(false, true)) {
            return;
        }
        writeHandedAt = now;
        try {
            writes.execute(() -> sendAck(bound, progress));
        } catch (RejectedExecutionException e) {
            writing.set(false); // the server is stopping
        }
    }

    private void sendAck(Binding bound, DeliveryProgress progress) {
        writeLock.lock();
        try {
            write(new Frame.Ack(bound.runId(), progress.queuedUpTo(), progress.receivedUpTo()));
            lastSent = progress;
            lastSentAt = System.nanoTime();
        } catch (IOException e) {
            close();
        } finally {
            writeLock.unlock();
            writing.set(false);
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
