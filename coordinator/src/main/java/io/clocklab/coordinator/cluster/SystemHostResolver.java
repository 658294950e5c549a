package io.clocklab.coordinator.cluster;

import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The system's resolver (the JVM keeps its answers for 2 s: see {@code CoordinatorApplication}). */
@Component
class SystemHostResolver implements HostResolver {

    @Override
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
