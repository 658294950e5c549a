package io.clocklab.coordinator.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Every address a DNS name has. The real one asks the system's resolver; tests give their own. */
@FunctionalInterface
public interface HostResolver {

    /** @throws UnknownHostException when the name has no address (a scaled service with no replica) */
    List<InetAddress> addresses(String host) throws UnknownHostException;
}
