package io.clocklab.vm.net;

import io.clocklab.core.control.TcpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One persistent outbound connection to one peer. The ticker only puts frames in the outbox; a
 * writer thread connects (with backoff), writes, and keeps a frame until it has been written, so a
 * broken connection delays a message but does not lose it. A watcher thread reads the socket so
 * that a peer closing the connection is noticed before the next write, not after it.
 */
final class PeerLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    /** A frame and the run it belongs to: frames of an old run are dropped, not sent. */
    record Outbound(String runId, byte[] frame) {
    }

    private final String peer;
    private final TcpAddress address;
    private final Backoff backoff;
    private final BlockingQueue<Outbound> outbox = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile String runId;
    private volatile boolean closed;
    private volatile Socket socket;

    PeerLink(String peer, TcpAddress address, Backoff backoff, String runId) {
        this.peer = peer;
        this.address = address;
        this.backoff = backoff;
        this.runId = runId;
        this.writer = new Thread(this::writeLoop, "peer-" + peer);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    TcpAddress address() {
        return address;
    }

    /** Switches to a new run: frames still waiting for the old one are dropped. */
    void newRun(String runId) {
        this.runId = runId;
        outbox.removeIf(outbound -> !outbound.runId().equals(runId));
    }

    void send(String runId, byte[] frame) {
        outbox.add(new Outbound(runId, frame));
    }

    int pending() {
        return outbox.size();
    }

    boolean connected() {
        Socket current = socket;
        return current != null && !current.isClosed();
    }

    private void writeLoop() {
        Duration wait = backoff.min();
        Outbound pending = null;
        while (!closed) {
            try {
                if (!connected()) {
                    connect();
                    wait = backoff.min();
                }
                if (pending == null) {
                    pending = outbox.poll(500, TimeUnit.MILLISECONDS);
                }
                if (pending == null || !pending.runId().equals(runId)) {
                    pending = null;
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write(pending.frame());
                out.flush();
                pending = null;
            } catch (IOException e) {
                disconnect();
                if (!closed) {
                    log.debug("link to {} at {}: {}; retrying in {} ms", peer, address, e.getMessage(), wait.toMillis());
                    sleep(wait);
                    wait = backoff.after(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void connect() throws IOException {
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true);
            fresh.setKeepAlive(true);
            fresh.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
        socket = fresh;
        Thread watcher = new Thread(() -> watch(fresh), "peer-" + peer + "-watch");
        watcher.setDaemon(true);
        watcher.start();
        log.info("connected to {} at {}", peer, address);
    }

    /** The peer never writes to us; the read returns only when it closes or the socket breaks. */
    private void watch(Socket watched) {
        try (InputStream in = watched.getInputStream()) {
            while (in.read() >= 0) {
                // nothing to read in this protocol; ignore stray bytes
            }
        } catch (IOException ignored) {
            // closed either way
        }
        closeQuietly(watched);
    }

    private void disconnect() {
        Socket current = socket;
        socket = null;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        disconnect();
    }
}
