package io.clocklab.vm.metrics;

/**
 * Why the side port refused or closed a connection before, or instead of, serving it: the
 * {@code reason} label of {@code vm_refused_connections_total} (docs/protocol.md, "Admission and
 * timeouts"). Frames refused for what they say are {@code vm_rejected_frames_total} instead.
 */
public enum ConnectionRefusal {
    /** Closed at accept, or at its HELLO: the pending (or authenticated) connections were at their cap. */
    CONNECTION_LIMIT("connection_limit"),
    /** No valid HELLO within {@code clocklab.vm.hello-timeout} of the accept. */
    HELLO_TIMEOUT("hello_timeout"),
    /** A frame begun and not finished within {@code clocklab.vm.frame-read-timeout}. */
    READ_TIMEOUT("read_timeout");

    private final String tag;

    ConnectionRefusal(String tag) {
        this.tag = tag;
    }

    /** The Prometheus label value. */
    public String tag() {
        return tag;
    }
}
