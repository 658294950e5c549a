package io.clocklab.core.control;

/** What a VM tells the coordinator about itself when it starts (and again as a heartbeat). */
public record VmRegistration(String name, String httpUrl, String tcpAddress) {
    public VmRegistration {
        Names.requireValid("name", name);
        if (httpUrl == null || !httpUrl.matches("https?://[^/\\s]+.*")) {
            throw new IllegalArgumentException("httpUrl must be an http(s) URL, got " + httpUrl);
        }
        TcpAddress.parse(tcpAddress);
    }
}
