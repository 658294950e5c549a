package io.clocklab.vm.net;

import io.clocklab.core.control.TcpAddress;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending side of the delivery protocol towards one peer (docs/protocol.md). It keeps every
 * message of the current run that the peer has not logged as received (seq > R), in seq order.
 * A writer thread connects (with backoff), says HELLO, waits for the peer's RESUME (Q, R), drops
 * what is <= R, transmits what is > Q, then streams new messages as the ticker hands them over. A
 * reader thread on the same socket takes the peer's ACKs, which trim the buffer up to R and move Q.
 * Q is known only while a connection is resumed: when it ends, Q falls back to R (the peer may
 * restart meanwhile and lose its queue). The peer ACKs at least every keepalive interval; a reader
 * that hears nothing for {@code readTimeout} closes the connection (half-open), and the writer
 * reconnects. The ticker never waits for the network, and no lock is held across a socket call.
 */
final class PeerLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    /** A message's frame, encoded once. */
    private record Outbound(String messageId, byte[] frame) {
    }

    /** One socket and what happened on it; fields other than the finals are guarded by {@link #lock}. */
    private static final class Connection {
        final Socket socket;
        final long generation;
        final String runId;
        boolean resumed;
        boolean dead;
        /** The highest seq written on this socket (or taken as queued from the RESUME). */
        long sentUpTo;

        Connection(Socket socket, long generation, String runId) {
            this.socket = socket;
            this.generation = generation;
            this.runId = runId;
        }
    }

    private final String self;
    private final String peer;
    private final TcpAddress address;
    private final Backoff backoff;
    private final FrameCodec codec;
    private final Duration resumeTimeout;
    private final Duration readTimeout;
    private final Thread writer;
    private volatile boolean closed;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private String runId;
    /** Goes up with every run switch: a connection of an older generation is done. */
    private long generation;
    private final NavigableMap<Long, Outbound> unacked = new TreeMap<>();
    private long queuedUpTo;
    private long receivedUpTo;
    private Connection connection;

    /** @param resend messages of this run sent before a restart, oldest first; kept until the peer confirms them */
    /** @param readTimeout how long the reader waits for any frame (RESUME or ACK) before it gives the connection up */
    PeerLink(String self, String peer, TcpAddress address, Backoff backoff, FrameCodec codec, Duration resumeTimeout,
             Duration readTimeout, String runId, List<Message> resend) {
        this.self = self;
        this.peer = peer;
        this.address = address;
        this.backoff = backoff;
        this.codec = codec;
        this.resumeTimeout = resumeTimeout;
        this.readTimeout = readTimeout;
        this.runId = runId;
        resend.forEach(this::keep);
        this.writer = new Thread(this::writeLoop, "peer-" + peer);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    TcpAddress address() {
        return address;
    }

    /** Switches to a new run: the old run's messages are dropped, and the link says HELLO again. */
    void newRun(String runId, List<Message> resend) {
        Connection old;
        lock.lock();
        try {
            this.runId = runId;
            generation++;
            unacked.clear();
            queuedUpTo = 0;
            receivedUpTo = 0;
            resend.forEach(this::keep);
            old = connection;
            connection = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (old != null) {
            closeQuietly(old.socket);
        }
    }

    /** Hands a message of {@code runId} to the link; a message of another run is dropped. Never blocks on the network. */
    void send(String runId, Message message) {
        lock.lock();
        try {
            if (runId.equals(this.runId)) {
                keep(message);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void keep(Message message) {
        long seq = MessageIds.seqOf(message.messageId());
        if (seq > receivedUpTo) {
            unacked.put(seq, new Outbound(message.messageId(), codec.encode(message)));
        }
    }

    /** The ids sent in {@code runId} that the peer has not confirmed as queued (seq > Q), oldest first. */
    List<String> unconfirmed(String runId) {
        lock.lock();
        try {
            if (!runId.equals(this.runId)) {
                return List.of();
            }
            return unacked.tailMap(queuedUpTo, false).values().stream().map(Outbound::messageId).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Messages kept until the peer logs them (seq > R). */
    int kept() {
        lock.lock();
        try {
            return unacked.size();
        } finally {
            lock.unlock();
        }
    }

    boolean connected() {
        lock.lock();
        try {
            return connection != null && connection.resumed && !connection.dead;
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        Duration wait = backoff.min();
        String lastFailure = null;
        while (!closed) {
            Connection current = null;
            try {
                current = open();
                if (current == null) {
                    continue; // the run switched while connecting
                }
                wait = backoff.min();
                lastFailure = null;
                stream(current);
            } catch (IOException e) {
                if (!closed) {
                    log.debug("link to {} at {}: {}; retrying in {} ms", peer, address, e.getMessage(), wait.toMillis());
                    pause(wait);
                    wait = backoff.after(wait);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A bug or a misconfiguration (a frame over max-frame-bytes): the link lives on and keeps its
                // messages; the same cause is logged at ERROR once, then retried quietly with backoff.
                if (!closed) {
                    String cause = e.toString();
                    if (cause.equals(lastFailure)) {
                        log.debug("link to {} at {}: {} again; retrying in {} ms", peer, address, cause, wait.toMillis());
                    } else {
                        log.error("link to {} at {}: {}; keeping its messages, retrying with backoff", peer, address, cause, e);
                        lastFailure = cause;
                    }
                    pause(wait);
                    wait = backoff.after(wait);
                }
            } finally {
                if (current != null) {
                    closeQuietly(current.socket);
                }
            }
        }
    }

    /** Connects, says HELLO and waits for the RESUME; null when the run switched meanwhile. */
    private Connection open() throws IOException, InterruptedException {
        String run;
        long gen;
        lock.lock();
        try {
            run = runId;
            gen = generation;
        } finally {
            lock.unlock();
        }
        byte[] hello = codec.encode(new Frame.Hello(run, self, peer)); // before anything is opened: it may throw
        Socket socket = new Socket();
        Connection fresh = new Connection(socket, gen, run);
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout(Math.toIntExact(Math.max(1, readTimeout.toMillis())));
            socket.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(socket);
            throw e;
        }
        lock.lock();
        try {
            if (gen != generation || closed) {
                closeQuietly(socket);
                return null;
            }
            connection = fresh;
            queuedUpTo = receivedUpTo; // unknown until the RESUME
        } finally {
            lock.unlock();
        }
        Thread reader = new Thread(() -> read(fresh), "peer-" + peer + "-read");
        reader.setDaemon(true);
        reader.start();
        write(socket, hello);
        long deadline = System.nanoTime() + resumeTimeout.toNanos();
        long queued;
        long received;
        lock.lock();
        try {
            while (!fresh.resumed && !fresh.dead && gen == generation && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no RESUME within " + resumeTimeout.toMillis() + " ms");
                }
                changed.awaitNanos(left);
            }
            if (fresh.dead) {
                throw new IOException("closed before its RESUME (the peer may not hold run " + run + " yet)");
            }
            queued = queuedUpTo;
            received = receivedUpTo;
        } finally {
            lock.unlock();
        }
        log.info("connected to {} at {} for run {}: it has queued up to seq {} of ours, received up to {}", peer, address,
                run, queued, received);
        return fresh;
    }

    /** Writes what the peer lacks, in seq order, until the connection dies or the run switches. */
    private void stream(Connection current) throws IOException, InterruptedException {
        while (true) {
            Outbound next;
            lock.lock();
            try {
                while (true) {
                    if (current.dead) {
                        throw new IOException("connection lost");
                    }
                    if (closed || current.generation != generation) {
                        return;
                    }
                    Map.Entry<Long, Outbound> entry = unacked.higherEntry(current.sentUpTo);
                    if (entry != null) {
                        next = entry.getValue();
                        current.sentUpTo = entry.getKey();
                        break;
                    }
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
            write(current.socket, next.frame());
        }
    }

    /** The connection's reader: a RESUME first, then ACKs. Any other frame, or none, ends the connection. */
    private void read(Connection current) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(current.socket.getInputStream()));
            for (Frame frame = codec.read(in); frame != null; frame = codec.read(in)) {
                lock.lock();
                try {
                    if (connection != current) {
                        return;
                    }
                    FrameCodec.requireRun(frame, current.runId);
                    if (frame instanceof Frame.Resume resume && !current.resumed) {
                        queuedUpTo = resume.queuedUpTo();
                        receivedUpTo = resume.receivedUpTo();
                        current.sentUpTo = queuedUpTo;
                        current.resumed = true;
                    } else if (frame instanceof Frame.Ack ack && current.resumed) {
                        queuedUpTo = Math.max(queuedUpTo, ack.queuedUpTo());
                        receivedUpTo = Math.max(receivedUpTo, ack.receivedUpTo());
                    } else {
                        throw new FrameRejectedException(RejectReason.UNEXPECTED_FRAME, frame.type() + " from the acceptor");
                    }
                    unacked.headMap(receivedUpTo, true).clear();
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (FrameRejectedException e) {
            log.warn("link to {}: closing, {}", peer, e.getMessage());
        } catch (SocketTimeoutException e) {
            log.info("link to {} at {}: nothing heard for {} ms (half-open?); reconnecting", peer, address, readTimeout.toMillis());
        } catch (IOException e) {
            // closed either way
        } finally {
            lock.lock();
            try {
                if (connection == current) {
                    // Q is only known while the connection is resumed: the peer may restart and lose its
                    // queue before the next RESUME, so whatever it has not logged is unconfirmed again.
                    queuedUpTo = receivedUpTo;
                }
                current.dead = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            closeQuietly(current.socket);
        }
    }

    private static void write(Socket socket, byte[] frame) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(frame);
        out.flush();
    }

    /** Waits out a backoff, cut short by a run switch or close. */
    private void pause(Duration wait) {
        lock.lock();
        try {
            long gen = generation;
            long deadline = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); left > 0 && gen == generation && !closed; left = deadline - System.nanoTime()) {
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection current;
        lock.lock();
        try {
            current = connection;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (current != null) {
            closeQuietly(current.socket);
        }
        writer.interrupt();
    }
}
