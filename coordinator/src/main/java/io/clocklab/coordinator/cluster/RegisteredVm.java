package io.clocklab.coordinator.cluster;

import java.net.URI;
import java.time.Instant;

/** A VM the coordinator knows, and when it last heard from it. */
public record RegisteredVm(String name, String httpUrl, String tcpAddress, Instant lastSeen) {

    /** {@code host:port} of the VM's HTTP side, for Prometheus. */
    public String metricsTarget() {
        URI uri = URI.create(httpUrl);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
