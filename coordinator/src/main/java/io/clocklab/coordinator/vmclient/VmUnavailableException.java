package io.clocklab.coordinator.vmclient;

/** A VM did not take a control request: unreachable, timed out, or it said no. */
public class VmUnavailableException extends RuntimeException {
    public VmUnavailableException(String vm, String what, Throwable cause) {
        super(vm + " did not accept " + what + ": " + reason(cause), cause);
    }

    /** One message for several VMs' failures. */
    public VmUnavailableException(String message) {
        super(message);
    }

    /**
     * The cause's message, with the name of the exception at its root where that has no message of
     * its own: the JDK's HTTP client refuses a connection with a {@code ConnectException} whose
     * message is null, which Spring's message would otherwise end in as "...: null".
     */
    static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = cause.getMessage();
        if (root.getMessage() != null && !root.getMessage().isBlank()) {
            return message == null ? root.getMessage() : message;
        }
        String name = root.getClass().getName() + " (no message)";
        if (message == null || message.isBlank() || message.equals("null")) {
            return name;
        }
        return message.endsWith(": null") ? message.substring(0, message.length() - "null".length()) + name : message + " (" + name + ")";
    }
}
