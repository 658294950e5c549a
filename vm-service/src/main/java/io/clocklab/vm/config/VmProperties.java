package io.clocklab.vm.config;

import io.clocklab.core.control.Names;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.web.PropertyRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a VM is told at start-up ({@code clocklab.vm.*}, or {@code CLOCKLAB_VM_*} in the
 * environment). Run settings (rate, peers, seed) come later from the coordinator.
 *
 * @param name                 this VM's name, also its {@code vm} metric label; left unset with a coordinator-url, the
 *                             coordinator gives one ({@code VmIdentity}: replicas of a scaled service)
 * @param httpUrl              how the coordinator reaches this VM; default {@code http://<advertise-host>:8080}, where
 *                             advertise-host is the name unless set ({@code ip}: the VM's own address)
 * @param tcpAddress           how peers reach the side port; default {@code <advertise-host>:<sidePort>}
 * @param sidePort             the TCP port for frames from peers (0 picks a free one, for tests)
 * @param logDir               where {@code <runId>/<name>.jsonl} files are written
 * @param coordinatorUrl       where to register; empty means do not register
 * @param registrationInterval how often to (re-)register, so a restarted coordinator learns of us
 * @param clusterSecret        the HMAC key of frames and the bearer token of the control API
 * @param maxFrameBytes        the largest frame body accepted or sent; at least what a frame with 64-character names needs
 * @param maxInboundConnections authenticated side-port connections (those that said a valid HELLO) served at once; a
 *                             sender has at most one (its newer HELLO replaces its older connection), so this
 *                             bounds connections of departed peers too
 * @param reconnectMin         first wait before reconnecting to a peer; doubles up to {@code reconnectMax}
 * @param resumeTimeout        how long a sender waits for the RESUME that answers its HELLO before reconnecting
 * @param ackInterval          how often the receiver sends each sender an ACK, when Q or R changed
 * @param keepaliveInterval    the longest a receiver lets a connection go without an ACK, even when nothing changed
 * @param keepaliveTimeout     a sender that hears nothing on a connection for this long (no ACK) closes it and
 *                             reconnects; a receiver closes a connection whose ACK has been stuck in a write this
 *                             long. Several of the peers' {@code keepaliveInterval}s (default 5 of them)
 * @param maxQueueLength       the most messages the VM's queue holds; when it is full, each side-port connection
 *                             stops reading until a tick takes a message (TCP backpressure: senders wait, nothing
 *                             is dropped)
 * @param helloTimeout         a side-port connection that has not completed a valid HELLO this long after it was
 *                             accepted is closed and counted ({@code vm_refused_connections_total{reason="hello_timeout"}})
 * @param frameReadTimeout     once the first byte of a frame has arrived, the whole frame must arrive within this, or
 *                             the connection is closed and counted ({@code reason="read_timeout"}); idle time between
 *                             frames of an authenticated connection, and time the reader spends waiting for room in
 *                             the queue, never count
 * @param maxPendingConnections side-port connections that have not said their HELLO yet, served at once; more are
 *                             closed at once ({@code reason="connection_limit"}), except from a peer's address (below)
 * @param reservedConnectionsPerPeer pending connections admitted beyond {@code maxPendingConnections} from the
 *                             addresses of the current run's peers (their tcp-address hosts, resolved), per peer: so
 *                             idle sockets from elsewhere can never lock a peer out
 * @param maxUnconfirmedInMemory per peer, the most messages a sender holds in memory until the peer has logged
 *                             them; beyond that (a peer away for long) they wait in this VM's log and are read
 *                             back from it when they are to be sent, so nothing is lost and memory stays bounded
 */
@ConfigurationProperties(VmProperties.PREFIX)
public record VmProperties(
        String name,
        String httpUrl,
        String tcpAddress,
        @DefaultValue("9000") int sidePort,
        @DefaultValue("logs") Path logDir,
        URI coordinatorUrl,
        @DefaultValue("5s") Duration registrationInterval,
        String clusterSecret,
        @DefaultValue("1024") int maxFrameBytes,
        @DefaultValue("64") int maxInboundConnections,
        @DefaultValue("100ms") Duration reconnectMin,
        @DefaultValue("5s") Duration reconnectMax,
        @DefaultValue("3s") Duration resumeTimeout,
        @DefaultValue("100ms") Duration ackInterval,
        @DefaultValue("1s") Duration keepaliveInterval,
        @DefaultValue("5s") Duration keepaliveTimeout,
        @DefaultValue("10000") int maxQueueLength,
        @DefaultValue("2s") Duration helloTimeout,
        @DefaultValue("5s") Duration frameReadTimeout,
        @DefaultValue("16") int maxPendingConnections,
        @DefaultValue("2") int reservedConnectionsPerPeer,
        @DefaultValue("10000") int maxUnconfirmedInMemory) {

    /** Where these settings are, and the start of each property's name in the messages that refuse one. */
    public static final String PREFIX = "clocklab.vm";

    /** The longest timeout a socket read can be given ({@code SO_TIMEOUT} is an int of milliseconds). */
    private static final Duration LONGEST_SOCKET_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    /**
     * The settings' rules, checked as Spring binds them at start-up: a VM with a bad one does not start, and says
     * which, by its property's name ({@link PropertyRules}).
     */
    public VmProperties {
        PropertyRules rules = PropertyRules.under(PREFIX)
                .notBlank("name", name,
                        "must be set (CLOCKLAB_VM_NAME), or left unset with a coordinator-url to get one from the coordinator")
                .require(name == null || name.isBlank() || Names.isValid(name), "name",
                        "must be " + Names.RULE + ", got '" + name + "'")
                .between("side-port", sidePort, 0, 65535)
                .notNull("log-dir", logDir)
                .notNull("registration-interval", registrationInterval)
                .notBlank("cluster-secret", clusterSecret, "must be set (CLOCKLAB_CLUSTER_SECRET)")
                .between("max-frame-bytes", maxFrameBytes, FrameCodec.LARGEST_BODY_BYTES, 65536)
                .atLeast("max-inbound-connections", maxInboundConnections, 1)
                .notNull("reconnect-min", reconnectMin)
                .notNull("reconnect-max", reconnectMax)
                .notNull("resume-timeout", resumeTimeout)
                .notNull("ack-interval", ackInterval)
                .notNull("keepalive-interval", keepaliveInterval)
                .notNull("keepalive-timeout", keepaliveTimeout)
                .atLeast("max-queue-length", maxQueueLength, 1)
                .notNull("hello-timeout", helloTimeout)
                .notNull("frame-read-timeout", frameReadTimeout)
                .atLeast("max-pending-connections", maxPendingConnections, 1)
                .atLeast("reserved-connections-per-peer", reservedConnectionsPerPeer, 1)
                .atLeast("max-unconfirmed-in-memory", maxUnconfirmedInMemory, 1);
        // ACKs go out on the ACK scheduler's rounds, so a keepalive cannot come more often than those.
        if (ackInterval != null && keepaliveInterval != null) {
            boolean fits = !ackInterval.isNegative() && !ackInterval.isZero() && keepaliveInterval.compareTo(ackInterval) >= 0;
            rules.require(fits, "keepalive-interval",
                    "must be at least ack-interval, and ack-interval above 0; got keepalive-interval " + keepaliveInterval
                            + " and ack-interval " + ackInterval);
        }
        // A timeout of one interval or less would close healthy idle connections.
        if (keepaliveInterval != null && keepaliveTimeout != null) {
            rules.require(keepaliveTimeout.compareTo(keepaliveInterval.multipliedBy(2)) >= 0, "keepalive-timeout",
                    "must be at least twice keepalive-interval; got keepalive-timeout " + keepaliveTimeout
                            + " and keepalive-interval " + keepaliveInterval);
        }
        socketTimeout(rules, "hello-timeout", helloTimeout);
        socketTimeout(rules, "frame-read-timeout", frameReadTimeout);
        rules.check();
    }

    /** Zero would close every connection at once; the side port's reads take at most an int of milliseconds. */
    private static void socketTimeout(PropertyRules rules, String property, Duration timeout) {
        if (timeout != null) {
            rules.require(timeout.toMillis() >= 1 && timeout.compareTo(LONGEST_SOCKET_TIMEOUT) <= 0, property,
                    "must be above 0 and at most 24 days, got " + timeout);
        }
    }

    public String advertisedHttpUrl() {
        return httpUrl == null || httpUrl.isBlank() ? "http://" + name + ":8080" : httpUrl;
    }

    public String advertisedTcpAddress() {
        return tcpAddress == null || tcpAddress.isBlank() ? name + ":" + sidePort : tcpAddress;
    }
}
