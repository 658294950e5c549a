package io.clocklab.core.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a VM tells the coordinator about itself when it starts, and again every few seconds (the
 * heartbeat).
 *
 * @param runId the run the VM holds (set up, running or stopped), null when it holds none: a VM
 *              of the live run that registers without its id has restarted
 * @param state the VM's state in that run, null when it holds none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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

    /** A VM that holds no run. */
    public VmRegistration(String name, String httpUrl, String tcpAddress) {
        this(name, httpUrl, tcpAddress, null, null);
    }
}
