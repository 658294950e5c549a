package io.clocklab.vm.net;

import io.clocklab.core.control.TcpAddress;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.SentRange;
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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>
 * Memory is bounded: at most {@code maxInMemory} of those messages are held, the oldest ones
 * (every message to the peer with R < seq <= {@code inMemoryUpTo}). Beyond that, while the peer is
 * away or slow, new messages are only counted ({@code handedUpTo}): they are in the VM's log
 * already (a SEND is logged before it is handed over), and the writer reads them back from it
 * ({@link SentMessages}) in batches when it gets to them, keeping those that continue what memory
 * holds while ACKs make room. Nothing is dropped, and how far the writer may run ahead of R does
 * not depend on the bound. Without a log to read back from, every message stays in memory.
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
    /** The most messages held in {@link #unacked} while a log can give back the rest. */
    private final int maxInMemory;
    /** The run's log, to read back what is not held; null: hold everything. */
    private SentMessages sentMessages;
    /** Every message to the peer with R < seq <= this is in {@link #unacked}; those above it, up to {@link #handedUpTo}, are only in the log. */
    private long inMemoryUpTo;
    /** The highest seq of this run handed to the link (by the ticker, or found in the log at a rejoin). */
    private long handedUpTo;

    /**
     * A link that holds every message in memory (no log to read them back from).
     *
     * @param resend      messages of this run sent before a restart, oldest first; kept until the peer confirms them
     * @param readTimeout how long the reader waits for any frame (RESUME or ACK) before it gives the connection up
     */
    PeerLink(String self, String peer, TcpAddress address, Backoff backoff, FrameCodec codec, Duration resumeTimeout,
             Duration readTimeout, String runId, List<Message> resend) {
        this(self, peer, address, backoff, codec, resumeTimeout, readTimeout, Integer.MAX_VALUE, runId, resend, 0, null);
    }

    /**
     * @param maxInMemory  the most messages held in memory; the rest are read back from {@code sent} when due
     * @param resend       messages of this run sent before a restart, oldest first; kept until the peer confirms them
     * @param sentUpTo     the highest seq sent to the peer before a restart (those not in {@code resend} are read back from the log)
     * @param sentMessages the run's log; null holds every message in memory, whatever {@code maxInMemory}
     */
    PeerLink(String self, String peer, TcpAddress address, Backoff backoff, FrameCodec codec, Duration resumeTimeout,
             Duration readTimeout, int maxInMemory, String runId, List<Message> resend, long sentUpTo, SentMessages sentMessages) {
        this.self = self;
        this.peer = peer;
        this.address = address;
        this.backoff = backoff;
        this.codec = codec;
        this.resumeTimeout = resumeTimeout;
        this.readTimeout = readTimeout;
        this.maxInMemory = maxInMemory;
        this.runId = runId;
        this.sentMessages = sentMessages;
        resend.forEach(this::keep);
        handedUpTo = Math.max(handedUpTo, sentUpTo);
        this.writer = new Thread(this::writeLoop, "peer-" + peer);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    TcpAddress address() {
        return address;
    }

    /** Switches to a new run whose messages are all held in memory. */
    void newRun(String runId, List<Message> resend) {
        newRun(runId, resend, 0, null);
    }

    /** Switches to a new run: the old run's messages are dropped, and the link says HELLO again. */
    void newRun(String runId, List<Message> resend, long sentUpTo, SentMessages sentMessages) {
        Connection old;
        lock.lock();
        try {
            this.runId = runId;
            generation++;
            unacked.clear();
            queuedUpTo = 0;
            receivedUpTo = 0;
            inMemoryUpTo = 0;
            handedUpTo = 0;
            this.sentMessages = sentMessages;
            resend.forEach(this::keep);
            handedUpTo = Math.max(handedUpTo, sentUpTo);
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

    /** Under the lock: held in memory if every earlier one is and there is room; otherwise only counted (it is in the log). */
    private void keep(Message message) {
        long seq = MessageIds.seqOf(message.messageId());
        if (seq <= receivedUpTo) {
            return;
        }
        boolean nothingOnlyInTheLog = inMemoryUpTo >= handedUpTo;
        handedUpTo = Math.max(handedUpTo, seq);
        if (nothingOnlyInTheLog && unacked.size() < memoryLimit()) {
            unacked.put(seq, new Outbound(message.messageId(), codec.encode(message)));
            inMemoryUpTo = seq;
        }
    }

    private int memoryLimit() {
        return sentMessages == null ? Integer.MAX_VALUE : maxInMemory;
    }

    /** Under the lock, after R moved: what it confirms leaves memory, and the held range starts at R at least. */
    private void confirmed() {
        unacked.headMap(receivedUpTo, true).clear();
        inMemoryUpTo = Math.max(inMemoryUpTo, receivedUpTo);
        handedUpTo = Math.max(handedUpTo, inMemoryUpTo);
    }

    /**
     * What was sent in {@code runId} that the peer has not confirmed as queued: the messages to it with
     * seq above Q, up to the last one handed to this link (some held in memory, the rest only in the
     * log). Empty for another run.
     */
    SentRange unconfirmed(String runId) {
        lock.lock();
        try {
            return runId.equals(this.runId) ? new SentRange(queuedUpTo, Math.max(queuedUpTo, handedUpTo)) : SentRange.NONE;
        } finally {
            lock.unlock();
        }
    }

    /** Messages held in memory until the peer logs them (seq > R): at most {@code maxInMemory} when there is a log. */
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

    /** How many messages the writer reads back from the log at a time. */
    private static final int READ_BACK_BATCH = 256;

    /** What to read back from the log: the messages above {@code from} up to {@code upTo}. */
    private record ReadBack(long generation, long from, long upTo, SentMessages log) {
    }

    /** Messages read back from the log, to write; the log holds no other message to the peer up to {@code upTo}. */
    private record Batch(List<Outbound> messages, long upTo) {
    }

    /**
     * Writes what the peer lacks, in seq order, until the connection dies or the run switches: the
     * messages held in memory, then those that are only in the log, read back in batches (outside the
     * lock; the ticker goes on meanwhile). So how far ahead of the peer's R a sender may write does not
     * depend on how many messages it holds in memory.
     */
    private void stream(Connection current) throws IOException, InterruptedException {
        while (true) {
            Outbound next = null;
            ReadBack readBack = null;
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
                    long from = Math.max(current.sentUpTo, inMemoryUpTo);
                    if (sentMessages != null && from < handedUpTo) {
                        readBack = new ReadBack(generation, from, handedUpTo, sentMessages);
                        break;
                    }
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
            if (next != null) {
                write(current.socket, next.frame());
                continue;
            }
            Batch batch = readBack(readBack);
            for (Outbound outbound : batch.messages()) {
                long seq = MessageIds.seqOf(outbound.messageId());
                lock.lock();
                try {
                    if (current.dead || closed || current.generation != generation) {
                        break; // the loop above says which
                    }
                    current.sentUpTo = Math.max(current.sentUpTo, seq);
                } finally {
                    lock.unlock();
                }
                write(current.socket, outbound.frame());
            }
            lock.lock();
            try {
                if (current.generation == generation) {
                    current.sentUpTo = Math.max(current.sentUpTo, batch.upTo());
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Reads the next batch back from the log. Those that continue what memory holds are kept in memory
     * too while there is room (so a reconnect need not read them again), the others only written.
     */
    private Batch readBack(ReadBack readBack) {
        List<Message> found;
        try {
            found = readBack.log().sentTo(peer, readBack.from(), readBack.upTo(), READ_BACK_BATCH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the messages sent to " + peer + " from the log: " + e.getMessage(), e);
        }
        boolean complete = found.size() < READ_BACK_BATCH;
        long upTo = complete ? readBack.upTo() : MessageIds.seqOf(found.get(found.size() - 1).messageId());
        List<Outbound> encoded = new ArrayList<>(found.size());
        long previous = readBack.from();
        for (Message message : found) {
            long seq = MessageIds.seqOf(message.messageId());
            if (seq <= previous || seq > readBack.upTo()) {
                throw new IllegalStateException("the log gave back " + message.messageId() + " after seq " + previous
                        + ", for seqs up to " + readBack.upTo());
            }
            previous = seq;
            encoded.add(new Outbound(message.messageId(), codec.encode(message)));
        }
        lock.lock();
        try {
            if (readBack.generation() == generation && readBack.from() == inMemoryUpTo) {
                boolean all = true;
                for (Outbound outbound : encoded) {
                    if (unacked.size() >= memoryLimit()) {
                        all = false;
                        break;
                    }
                    long seq = MessageIds.seqOf(outbound.messageId());
                    unacked.put(seq, outbound);
                    inMemoryUpTo = seq;
                }
                if (all) {
                    inMemoryUpTo = upTo; // memory holds every message to the peer up to there
                }
            }
        } finally {
            lock.unlock();
        }
        return new Batch(encoded, upTo);
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
                    confirmed();
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
