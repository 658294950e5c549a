package io.clocklab.vm.net;

import io.clocklab.core.wire.FrameCodec;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.metrics.ConnectionRefusal;
import io.clocklab.vm.metrics.VmMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The TCP side port. One thread per inbound connection ({@link InboundConnection}) reads frames
 * and queues them at network speed; it never waits for a tick. One scheduler thread decides which
 * connections get an ACK (Q or R changed, or the keepalive interval is up) and hands the writes to
 * a pool, at most one per connection at a time, so one stuck connection cannot hold up the others'
 * ACKs. A rejected frame is counted and its connection closed;
 * the clock, the queue and every other connection are left alone.
 * <p>
 * Admission ({@link Admission}, docs/protocol.md "Admission and timeouts"): a connection that has
 * not said its HELLO yet holds one of {@code max-pending-connections} places, or, from the address
 * of one of the current run's peers, a place of their reserve; one over the cap is closed at once
 * and counted ({@code vm_refused_connections_total{reason="connection_limit"}}). A valid HELLO moves
 * it to the {@code max-inbound-connections} authenticated places and closes its sender's older
 * connection. Connections that do not finish their HELLO, or a frame, in time are closed and
 * counted by their reader. The WARN lines of refusals are rate-limited, one per reason per 10 s.
 */
@Component
public class SidePortServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SidePortServer.class);
    /** A lookup of the peers' addresses older than this is done again (a restarted peer may have a new address). */
    private static final Duration PEER_LOOKUP_MAX_AGE = Duration.ofSeconds(5);
    /** When a connection from an address not known as a peer's is refused, the addresses are looked up again if older than this. */
    private static final Duration PEER_LOOKUP_ON_REFUSAL = Duration.ofSeconds(1);
    private static final Duration WARNING_PERIOD = Duration.ofSeconds(10);

    private final VmProperties properties;
    private final FrameCodec codec;
    private final Inbound runtime;
    private final VmMetrics metrics;
    private final Set<InboundConnection> connections = ConcurrentHashMap.newKeySet();
    private final InboundConnection.Settings settings;
    private final PeerAddresses peerAddresses;
    private final Admission<InboundConnection> admission;
    private final ThrottledWarnings warnings = new ThrottledWarnings(log, WARNING_PERIOD, System::nanoTime);
    private final InboundConnection.Gate gate = new InboundConnection.Gate() {
        @Override
        public boolean authenticated(InboundConnection connection, String sender) {
            return admitAuthenticated(connection, sender);
        }

        @Override
        public void refused(InboundConnection connection, ConnectionRefusal reason, String detail) {
            refuse(connection, reason, detail);
        }
    };
    private volatile ServerSocket server;
    private volatile ScheduledExecutorService acks;
    private volatile ExecutorService ackWrites;

    public SidePortServer(VmProperties properties, FrameCodec codec, Inbound runtime, VmMetrics metrics, PeerLinks peers) {
        this.properties = properties;
        this.codec = codec;
        this.runtime = runtime;
        this.metrics = metrics;
        this.settings = InboundConnection.Settings.of(properties);
        this.peerAddresses = new PeerAddresses(PEER_LOOKUP_MAX_AGE);
        this.admission = new Admission<>(properties.maxPendingConnections(), properties.maxInboundConnections(),
                properties.reservedConnectionsPerPeer(), peerAddresses::peersAt);
        metrics.sidePortConnections(admission, Admission::pending, Admission::authenticated);
        peers.onPeers(peerAddresses::update);
    }

    @Override
    public void start() {
        try {
            ServerSocket socket = new ServerSocket();
            // So that a VM, or the whole stack, can be restarted at once on the same port.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(properties.sidePort()), 64);
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on side port " + properties.sidePort(), e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "side-port-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        ackWrites = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "side-port-ack-write");
            thread.setDaemon(true);
            return thread;
        });
        acks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "side-port-acks");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.ackInterval().toNanos();
        acks.scheduleWithFixedDelay(this::sendAcks, every, every, TimeUnit.NANOSECONDS);
        log.info("side port listening on {}", server.getLocalPort());
    }

    private void acceptLoop() {
        ServerSocket listening = server;
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                long acceptedAt = System.nanoTime();
                InboundConnection connection = new InboundConnection(socket, acceptedAt, settings, codec, runtime, metrics, ackWrites, gate);
                if (!admission.admit(connection, socket.getInetAddress())) {
                    // no thread, no read: closed at once, so a flood costs an accept and a close each
                    closeQuietly(socket);
                    peerAddresses.refreshIfOlderThan(PEER_LOOKUP_ON_REFUSAL); // in case a peer came back at a new address
                    refuse(connection, ConnectionRefusal.CONNECTION_LIMIT, admission.pending()
                            + " connections have not said HELLO yet (max-pending-connections " + properties.maxPendingConnections()
                            + ", and this address has no peer's reserve left)");
                    continue;
                }
                connections.add(connection);
                Thread reader = new Thread(() -> {
                    try {
                        connection.serve();
                    } finally {
                        connections.remove(connection);
                        admission.release(connection);
                    }
                }, "side-port-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    log.warn("accept failed: {}", e.getMessage());
                }
            }
        }
    }

    /** A valid HELLO: an authenticated place, and the sender's older connection closed; false (counted) when there is no place. */
    private boolean admitAuthenticated(InboundConnection connection, String sender) {
        Admission.Authenticated<InboundConnection> result = admission.authenticate(connection, sender);
        InboundConnection older = result.replaced();
        if (older != null) {
            metrics.replacedConnection();
            log.info("{} said HELLO on a new {}: closing its older {}", sender, connection, older);
            older.close();
        }
        if (!result.admitted()) {
            refuse(connection, ConnectionRefusal.CONNECTION_LIMIT, "HELLO from " + sender + ", but " + admission.authenticated()
                    + " other senders hold every authenticated place (max-inbound-connections " + properties.maxInboundConnections() + ")");
        }
        return result.admitted();
    }

    private void refuse(InboundConnection connection, ConnectionRefusal reason, String detail) {
        metrics.refused(reason);
        warnings.warn(reason.tag(), "closed " + connection + " (" + reason.tag() + "): " + detail);
    }

    /** How many of the current run's peers are at {@code address}, as last looked up (0: not a peer's); never blocks. */
    int peersAt(InetAddress address) {
        return peerAddresses.peersAt(address);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void sendAcks() {
        for (InboundConnection connection : connections) {
            try {
                connection.ackIfDue();
            } catch (RuntimeException e) {
                log.warn("ACK to {} failed: {}", connection, e.toString());
            }
        }
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        ServerSocket current = server;
        return current == null ? -1 : current.getLocalPort();
    }

    @Override
    public boolean isRunning() {
        ServerSocket current = server;
        return current != null && current.isBound() && !current.isClosed();
    }

    @Override
    public void stop() {
        ServerSocket current = server;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        ScheduledExecutorService scheduler = acks;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        ExecutorService writers = ackWrites;
        if (writers != null) {
            writers.shutdownNow();
        }
        connections.forEach(InboundConnection::close);
        peerAddresses.close();
    }
}
