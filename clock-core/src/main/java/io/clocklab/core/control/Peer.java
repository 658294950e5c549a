package io.clocklab.core.control;

/** Another VM of the run, and where its side port listens. */
public record Peer(String name, String tcpAddress) {
    public Peer {
        Names.requireValid("peer name", name);
        TcpAddress.parse(tcpAddress);
    }
}
