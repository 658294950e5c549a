package io.clocklab.coordinator.cluster;

import io.clocklab.coordinator.config.CoordinatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many VMs a run needs: {@code expected-vms} (the fixed vm1..vmN of a compose file), plus, when
 * {@code vm-dns-name} is set, one per address that name has. Docker's DNS answers a scaled compose
 * service's name, and a swarm service's in dnsrr mode, with one address per running replica, and so
 * does a Kubernetes headless service (with {@code publishNotReadyAddresses}) with one per pod: so
 * {@code docker compose up --scale vm=7}, {@code docker stack deploy} and {@code kubectl scale} are
 * all counted by this one rule, without anyone saying the number.
 */
@Component
public class ExpectedVms {

    private static final Logger log = LoggerFactory.getLogger(ExpectedVms.class);

    private final int fixed;
    private final String dnsName;
    private final HostResolver resolver;
    private final AtomicInteger lastReplicas = new AtomicInteger(-1);

    public ExpectedVms(CoordinatorProperties properties, HostResolver resolver) {
        this.fixed = properties.expectedVms();
        this.dnsName = properties.vmDnsName() == null || properties.vmDnsName().isBlank() ? null : properties.vmDnsName().strip();
        this.resolver = resolver;
    }

    /** The VMs a run needs now; never fewer than one, even while the DNS name has no address yet. */
    public int count() {
        return Math.max(1, fixed + replicas());
    }

    /** What {@link #count()} is made of, for messages: "3", or "3 (3 + 0 addresses of 'vm')". */
    public String describe() {
        if (dnsName == null) {
            return String.valueOf(count());
        }
        int replicas = replicas();
        return Math.max(1, fixed + replicas) + " (" + fixed + " + " + replicas + " addresses of '" + dnsName + "')";
    }

    private int replicas() {
        if (dnsName == null) {
            return 0;
        }
        int replicas;
        try {
            replicas = resolver.addresses(dnsName).size();
        } catch (UnknownHostException e) {
            replicas = 0; // a service scaled to 0 has no name at all
        }
        int before = lastReplicas.getAndSet(replicas);
        if (before != replicas) {
            log.info("'{}' has {} addresses: runs need {} VMs", dnsName, replicas, fixed + replicas);
        }
        return replicas;
    }
}
