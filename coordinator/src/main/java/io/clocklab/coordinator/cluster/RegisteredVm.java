package io.clocklab.coordinator.cluster;

import io.clocklab.core.control.VmState;

import java.net.URI;
import java.time.Instant;

/**
 * A VM the coordinator knows, what it said at its last registration, and when that was.
 *
 * @param runId the run the VM said it holds (null: none, e.g. just restarted)
 * @param state the VM's state in that run (null without a run)
 */
public record RegisteredVm(String name, String httpUrl, String tcpAddress, Instant lastSeen, String runId, VmState state) {

    public RegisteredVm(String name, String httpUrl, String tcpAddress, Instant lastSeen) {
        this(name, httpUrl, tcpAddress, lastSeen, null, null);
    }

    /** {@code host:port} of the VM's HTTP side, for Prometheus. */
    public String metricsTarget() {
        URI uri = URI.create(httpUrl);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    public boolean sameAddressAs(RegisteredVm other) {
        return httpUrl.equals(other.httpUrl) && tcpAddress.equals(other.tcpAddress);
    }
}
