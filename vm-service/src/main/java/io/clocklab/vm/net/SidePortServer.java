package io.clocklab.vm.net;

import io.clocklab.core.wire.FrameCodec;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.metrics.VmMetrics;
import io.clocklab.vm.run.VmRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 */
@Component
public class SidePortServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SidePortServer.class);

    private final VmProperties properties;
    private final FrameCodec codec;
    private final VmRuntime runtime;
    private final VmMetrics metrics;
    private final Set<InboundConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile ScheduledExecutorService acks;
    private volatile ExecutorService ackWrites;

    public SidePortServer(VmProperties properties, FrameCodec codec, VmRuntime runtime, VmMetrics metrics) {
        this.properties = properties;
        this.codec = codec;
        this.runtime = runtime;
        this.metrics = metrics;
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
                if (connections.size() >= properties.maxInboundConnections()) {
                    log.warn("refusing {}: already {} inbound connections", socket.getRemoteSocketAddress(), connections.size());
                    socket.close();
                    continue;
                }
                InboundConnection connection = new InboundConnection(socket, properties.name(), codec, runtime, metrics, ackWrites,
                        properties.ackInterval(), properties.keepaliveInterval(), properties.keepaliveTimeout());
                connections.add(connection);
                Thread reader = new Thread(() -> {
                    try {
                        connection.serve();
                    } finally {
                        connections.remove(connection);
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
    }
}
