package io.clocklab.vm.registration;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address other machines reach this VM at, for {@code advertise-host: ip}: the one its hostname
 * resolves to (Docker, Swarm and Kubernetes all map a container's hostname to its address in
 * {@code /etc/hosts}), or, when that is a loopback address, the first IPv4 address of an interface
 * that is up and not a loopback.
 */
final class OwnAddress {

    /** Where the addresses come from; the system's in production, given ones in tests. */
    interface Lookup {
        InetAddress ofHostname() throws UnknownHostException;

        List<InetAddress> ofInterfaces() throws SocketException;
    }

    static final Lookup SYSTEM = new Lookup() {
        @Override
        public InetAddress ofHostname() throws UnknownHostException {
            return InetAddress.getLocalHost();
        }

        @Override
        public List<InetAddress> ofInterfaces() throws SocketException {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(OwnAddress::upAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses).toList();
        }
    };

    private OwnAddress() {
    }

    /** @throws IllegalStateException when the machine has no address but loopback ones */
    static String of(Lookup lookup) {
        try {
            InetAddress byName = lookup.ofHostname();
            if (!byName.isLoopbackAddress() && !byName.isAnyLocalAddress()) {
                return byName.getHostAddress();
            }
        } catch (UnknownHostException e) {
            // the interfaces below may still tell
        }
        try {
            Optional<InetAddress> first = lookup.ofInterfaces().stream()
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .findFirst();
            return first.orElseThrow(() -> new IllegalStateException(
                    "advertise-host is 'ip' but this machine has no address other than loopback ones")).getHostAddress();
        } catch (SocketException e) {
            throw new IllegalStateException("advertise-host is 'ip' but the network interfaces cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
