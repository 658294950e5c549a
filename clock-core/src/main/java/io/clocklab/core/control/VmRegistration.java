package io.clocklab.core.control;

/**
 * What a VM tells the coordinator about itself when it starts, and again every few seconds as a
 * heartbeat.
 *
 * @param runId the run the VM holds in memory, or null (none yet, or it has just restarted)
 * @param state where the VM stands in that run, or null without a run
 */
public record VmRegistration(String name, String httpUrl, String tcpAddress, String runId, VmState state) {
    public VmRegistration {
        Names.requireValid("name", name);
        if (httpUrl == null || !httpUrl.matches("https?://[^/\\s]+.*")) {
            throw new IllegalArgumentException("httpUrl must be an http(s) URL, got " + httpUrl);
        }
        TcpAddress.parse(tcpAddress);
        if (runId != null) {
            Names.requireValid("runId", runId);
        }
    }

    public VmRegistration(String name, String httpUrl, String tcpAddress) {
        this(name, httpUrl, tcpAddress, null, null);
    }
}
