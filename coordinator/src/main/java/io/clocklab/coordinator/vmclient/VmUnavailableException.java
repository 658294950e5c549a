package io.clocklab.coordinator.vmclient;

/** A VM did not take a control request: unreachable, timed out, or it said no. */
public class VmUnavailableException extends RuntimeException {
    public VmUnavailableException(String vm, String what, Throwable cause) {
        super(vm + " did not accept " + what + ": " + cause.getMessage(), cause);
    }

    /** One message for several VMs' failures. */
    public VmUnavailableException(String message) {
        super(message);
    }
}
