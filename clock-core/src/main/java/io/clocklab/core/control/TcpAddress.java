package io.clocklab.core.control;

/** {@code host:port} of a VM's side port. */
public record TcpAddress(String host, int port) {

    public TcpAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a TCP address needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    public static TcpAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a TCP address is host:port, got " + text);
        }
        try {
            return new TcpAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a TCP address is host:port, got " + text);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
