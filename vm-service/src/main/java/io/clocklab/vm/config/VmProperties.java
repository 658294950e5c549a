package io.clocklab.vm.config;

import io.clocklab.core.control.Names;
import io.clocklab.core.wire.FrameCodec;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("clocklab.vm")
public record VmProperties(
        @NotBlank(message = "must be set (CLOCKLAB_VM_NAME), or left unset with a coordinator-url to get one from the coordinator")
        @Pattern(regexp = Names.PATTERN) String name,
        String httpUrl,
        String tcpAddress,
        @DefaultValue("9000") @Min(0) @Max(65535) int sidePort,
        @DefaultValue("logs") @NotNull Path logDir,
        URI coordinatorUrl,
        @DefaultValue("5s") @NotNull Duration registrationInterval,
        @NotBlank(message = "must be set (CLOCKLAB_CLUSTER_SECRET)") String clusterSecret,
        @DefaultValue("1024") @Min(FrameCodec.LARGEST_BODY_BYTES) @Max(65536) int maxFrameBytes,
        @DefaultValue("64") @Min(1) int maxInboundConnections,
        @DefaultValue("100ms") @NotNull Duration reconnectMin,
        @DefaultValue("5s") @NotNull Duration reconnectMax,
        @DefaultValue("3s") @NotNull Duration resumeTimeout,
        @DefaultValue("100ms") @NotNull Duration ackInterval,
        @DefaultValue("1s") @NotNull Duration keepaliveInterval,
        @DefaultValue("5s") @NotNull Duration keepaliveTimeout,
        @DefaultValue("10000") @Min(1) int maxQueueLength,
        @DefaultValue("2s") @NotNull Duration helloTimeout,
        @DefaultValue("5s") @NotNull Duration frameReadTimeout,
        @DefaultValue("16") @Min(1) int maxPendingConnections,
        @DefaultValue("2") @Min(1) int reservedConnectionsPerPeer,
        @DefaultValue("10000") @Min(1) int maxUnconfirmedInMemory) {

    /** The longest timeout a socket read can be given ({@code SO_TIMEOUT} is an int of milliseconds). */
    private static final Duration LONGEST_SOCKET_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    /** ACKs go out on the ACK scheduler's rounds, so a keepalive cannot come more often than those. */
    @AssertTrue(message = "keepalive-interval must be at least ack-interval, and ack-interval above 0")
    public boolean isKeepaliveIntervalValid() {
        return ackInterval == null || keepaliveInterval == null
                || !ackInterval.isNegative() && !ackInterval.isZero() && keepaliveInterval.compareTo(ackInterval) >= 0;
    }

    /** A timeout of one interval or less would close healthy idle connections. */
    @AssertTrue(message = "keepalive-timeout must be at least twice keepalive-interval")
    public boolean isKeepaliveTimeoutValid() {
        return keepaliveInterval == null || keepaliveTimeout == null
                || keepaliveTimeout.compareTo(keepaliveInterval.multipliedBy(2)) >= 0;
    }

    /** Zero would close every connection at once; the side port's reads take at most an int of milliseconds. */
    @AssertTrue(message = "hello-timeout and frame-read-timeout must be above 0 and at most 24 days")
    public boolean isReadTimeoutsValid() {
        return helloTimeout == null || frameReadTimeout == null
                || positiveSocketTimeout(helloTimeout) && positiveSocketTimeout(frameReadTimeout);
    }

    private static boolean positiveSocketTimeout(Duration timeout) {
        return timeout.toMillis() >= 1 && timeout.compareTo(LONGEST_SOCKET_TIMEOUT) <= 0;
    }

    public String advertisedHttpUrl() {
        return httpUrl == null || httpUrl.isBlank() ? "http://" + name + ":8080" : httpUrl;
    }

    public String advertisedTcpAddress() {
        return tcpAddress == null || tcpAddress.isBlank() ? name + ":" + sidePort : tcpAddress;
    }
}
