package io.clocklab.vm.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The network addresses of the current run's peers, for the side port's admission: a connection
 * from one of them may use the peers' reserve (docs/protocol.md, "Admission and timeouts").
 * <p>
 * The hosts of the peers' {@code tcpAddress}es are resolved on a thread of their own, never on the
 * caller's: when a run is set up, and again whenever a lookup is asked for and the last one is
 * older than {@code maxAge} (a restarted container may come back with another address). The
 * accept thread only reads the last snapshot, so a slow or failing DNS never holds it up. A host
 * that fails to resolve keeps the addresses it had (a peer that is down has no DNS entry in
 * Docker's network until it is back).
 */
final class PeerAddresses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerAddresses.class);

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} outside tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final ExecutorService lookups;
    private final AtomicBoolean lookupPending = new AtomicBoolean();
    /** One host per peer (several peers may share one); replaced whole on a run's set-up. */
    private volatile List<String> hosts = List.of();
    /** Per host, the addresses it resolved to last. Only the lookup thread writes it. */
    private final Map<String, List<InetAddress>> resolved = new HashMap<>();
    /** Per address, how many peers of the run it is: what the accept thread reads. */
    private volatile Map<InetAddress, Integer> peersAt = Map.of();
    private volatile long resolvedAt;

    PeerAddresses(Duration maxAge) {
        this(InetAddress::getAllByName, maxAge, System::nanoTime);
    }

    PeerAddresses(Resolver resolver, Duration maxAge, LongSupplier nanoTime) {
        this.resolver = resolver;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
        this.resolvedAt = nanoTime.getAsLong() - maxAgeNanos - 1;
        this.lookups = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "side-port-peer-lookup");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A run was set up with peers at these hosts (one entry per peer): look them up now, off this thread. */
    void update(Collection<String> peerHosts) {
        hosts = List.copyOf(peerHosts);
        lookupPending.set(true);
        submit();
    }

    /**
     * How many of the run's peers are at {@code address} as last looked up (0: none). Never blocks;
     * starts a new lookup in the background when the last one is older than the maximum age.
     */
    int peersAt(InetAddress address) {
        if (address == null) {
            return 0;
        }
        refreshIfOlderThan(maxAgeNanos);
        return peersAt.getOrDefault(address, 0);
    }

    /** Starts a lookup in the background if the last one is older than {@code age}. */
    void refreshIfOlderThan(Duration age) {
        refreshIfOlderThan(age.toNanos());
    }

    private void refreshIfOlderThan(long ageNanos) {
        if (nanoTime.getAsLong() - resolvedAt > ageNanos && lookupPending.compareAndSet(false, true)) {
            submit();
        }
    }

    private void submit() {
        try {
            lookups.execute(this::lookUp);
        } catch (RejectedExecutionException e) {
            lookupPending.set(false); // closed
        }
    }

    /** On the lookup thread only. */
    private void lookUp() {
        lookupPending.set(false);
        List<String> current = hosts;
        Map<InetAddress, Integer> counts = new LinkedHashMap<>();
        resolved.keySet().retainAll(current);
        for (String host : current) {
            List<InetAddress> addresses;
            try {
                addresses = List.of(resolver.resolve(host));
                resolved.put(host, addresses);
            } catch (UnknownHostException | RuntimeException e) {
                addresses = resolved.getOrDefault(host, List.of());
                log.debug("peer host {} did not resolve ({}); keeping {}", host, e.getMessage(), addresses);
            }
            for (InetAddress address : addresses) {
                counts.merge(address, 1, Integer::sum);
            }
        }
        peersAt = Map.copyOf(counts);
        resolvedAt = nanoTime.getAsLong();
        log.debug("peers' addresses: {}", counts);
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
