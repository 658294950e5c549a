package io.clocklab.vm;

import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.metrics.VmMetrics;
import io.clocklab.vm.net.PeerLinks;
import io.clocklab.vm.net.SidePortServer;
import io.clocklab.vm.run.MonotonicClock;
import io.clocklab.vm.run.VmRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * A VM without Spring or HTTP: runtime, links, side port (on a free port) and metrics, wired as the
 * application wires them, over a log folder that outlives it. {@link #close()} is its crash: the
 * queue and every connection die with it; the log file stays.
 */
public final class Node implements AutoCloseable {

    public final String name;
    public final VmRuntime runtime;
    private final PeerLinks links;
    private final SidePortServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    public Node(String name, Path logDir) {
        this(name, logDir, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    /** A node whose side port ACKs every {@code ackInterval}, and at least every {@code keepaliveInterval}. */
    public Node(String name, Path logDir, Duration ackInterval, Duration keepaliveInterval, Duration keepaliveTimeout) {
        this(name, logDir, ackInterval, keepaliveInterval, keepaliveTimeout, 10_000);
    }

    /** A node whose queue holds at most {@code maxQueueLength} messages. */
    public Node(String name, Path logDir, Duration ackInterval, Duration keepaliveInterval, Duration keepaliveTimeout,
                int maxQueueLength) {
        this(settings(name, logDir).ackInterval(ackInterval).keepaliveInterval(keepaliveInterval)
                .keepaliveTimeout(keepaliveTimeout).maxQueueLength(maxQueueLength));
    }

    /** A node with these settings. */
    public Node(Settings settings) {
        VmProperties properties = settings.properties();
        this.name = properties.name();
        VmMetrics metrics = new VmMetrics(registry);
        links = new PeerLinks(properties, FakePeer.CODEC);
        runtime = new VmRuntime(properties, InstantSource.system(), MonotonicClock.SYSTEM, links, metrics);
        server = new SidePortServer(properties, FakePeer.CODEC, runtime, metrics, links);
        server.start();
    }

    /** The settings of a node called {@code name}: the application's defaults, with quick ACKs and reconnects. */
    public static Settings settings(String name, Path logDir) {
        return new Settings(name, logDir);
    }

    /** A node's {@link VmProperties}, to be changed one at a time. */
    public static final class Settings {
        private final String name;
        private final Path logDir;
        private Duration ackInterval = Duration.ofMillis(20);
        private Duration keepaliveInterval = Duration.ofMillis(200);
        private Duration keepaliveTimeout = Duration.ofSeconds(1);
        private int maxQueueLength = 10_000;
        private int maxInboundConnections = 64;
        private Duration helloTimeout = Duration.ofSeconds(2);
        private Duration frameReadTimeout = Duration.ofSeconds(5);
        private int maxPendingConnections = 16;
        private int reservedConnectionsPerPeer = 2;
        private int maxUnconfirmedInMemory = 10_000;
        private int maxFrameBytes = 1024;

        private Settings(String name, Path logDir) {
            this.name = name;
            this.logDir = logDir;
        }

        public Settings ackInterval(Duration value) {
            ackInterval = value;
            return this;
        }

        public Settings keepaliveInterval(Duration value) {
            keepaliveInterval = value;
            return this;
        }

        public Settings keepaliveTimeout(Duration value) {
            keepaliveTimeout = value;
            return this;
        }

        public Settings maxQueueLength(int value) {
            maxQueueLength = value;
            return this;
        }

        public Settings maxInboundConnections(int value) {
            maxInboundConnections = value;
            return this;
        }

        public Settings helloTimeout(Duration value) {
            helloTimeout = value;
            return this;
        }

        public Settings frameReadTimeout(Duration value) {
            frameReadTimeout = value;
            return this;
        }

        public Settings maxPendingConnections(int value) {
            maxPendingConnections = value;
            return this;
        }

        public Settings reservedConnectionsPerPeer(int value) {
            reservedConnectionsPerPeer = value;
            return this;
        }

        public Settings maxUnconfirmedInMemory(int value) {
            maxUnconfirmedInMemory = value;
            return this;
        }

        public Settings maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        public VmProperties properties() {
            return new VmProperties(name, null, null, 0, logDir, null, Duration.ofSeconds(5), FakePeer.SECRET,
                    maxFrameBytes, maxInboundConnections, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), ackInterval,
                    keepaliveInterval, keepaliveTimeout, maxQueueLength, helloTimeout, frameReadTimeout, maxPendingConnections,
                    reservedConnectionsPerPeer, maxUnconfirmedInMemory);
        }
    }

    public int port() {
        return server.port();
    }

    /** Its side port, for tests of the side port's package. */
    public SidePortServer sidePort() {
        return server;
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Frames this incarnation refused (or dropped) for {@code reason}, e.g. "duplicate". */
    public double rejected(String reason) {
        return registry.counter("vm.rejected.frames", "reason", reason).count();
    }

    /** Side-port connections refused or closed unserved for {@code reason}, e.g. "hello_timeout". */
    public double refused(String reason) {
        return registry.counter("vm.refused.connections", "reason", reason).count();
    }

    /** Older side-port connections closed because their sender said HELLO on a new one. */
    public double replaced() {
        return registry.counter("vm.replaced.connections").count();
    }

    /** Side-port connections open now in {@code state}: "pending" (no HELLO yet) or "authenticated". */
    public int connections(String state) {
        return (int) registry.get("vm.side.port.connections").tag("state", state).gauge().value();
    }

    /** Messages its links hold in memory until their peers have logged them. */
    public int keptInMemory() {
        return links.keptInMemory();
    }

    /** Times a side-port connection had to wait for room in the queue. */
    public double backpressureWaits() {
        return registry.counter("vm.backpressure.waits").count();
    }

    /** The run's whole log, from the file. */
    public List<Event> log(String runId) {
        return runtime.events(runId, 1, 10_000).stream().map(EventJson::fromLine).toList();
    }

    /** The ids of the messages this node logged as sent to {@code peer}, in order. */
    public List<String> sentTo(String runId, String peer) {
        return log(runId).stream().filter(e -> e.type() == EventType.SEND && e.to().contains(peer)).map(Event::messageId).toList();
    }

    /** The ids of the messages from {@code sender} this node logged as received, in order. */
    public List<String> receivedFrom(String runId, String sender) {
        return log(runId).stream().filter(e -> e.type() == EventType.RECEIVE && e.from().equals(sender)).map(Event::messageId).toList();
    }

    @Override
    public void close() {
        server.stop();
        links.destroy();
        runtime.destroy();
    }
}
