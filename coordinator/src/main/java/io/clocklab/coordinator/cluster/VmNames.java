package io.clocklab.coordinator.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.store.AtomicFiles;
import io.clocklab.core.control.NameLease;
import io.clocklab.core.control.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names for VMs started without one: the replicas of a scaled service. Each gets the lowest free
 * {@code vm<k>} after the fixed ones ({@code vm4} when {@code expected-vms} is 3), and keeps it:
 * the lease is keyed by the replica's instance (its hostname, which a restarted container keeps),
 * and kept in {@code <data-dir>/vm-names.json} across restarts of the coordinator. A name is free
 * when no live VM has registered under it and no instance holds it, or its holder has been neither
 * heard from nor given it within {@code name-lease-grace} (a removed replica).
 * <p>
 * Leases read from the file at start-up belong to replicas that may still run (the coordinator
 * alone restarted) or may be gone ({@code docker compose down}, then {@code up}: new containers,
 * new hostnames). For {@code heartbeat-timeout} after the start, a name whose holder has not
 * registered again is neither kept nor given: a new replica asking for it is told to ask again
 * ({@link NameNotFreeYetException}, 503). Running replicas register within their 5 s heartbeat
 * and keep their names; after the window, the names of gone ones go to the new ones, in order.
 */
@Component
public class VmNames {

    /** Where the leases are kept, in the data directory. */
    public static final String FILE = "vm-names.json";
    static final String PREFIX = "vm";

    /** One lease, as it is kept in the file. */
    record Lease(String instance, String name, Instant leasedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(VmNames.class);
    private static final TypeReference<List<Lease>> LEASES = new TypeReference<>() {
    };

    private final VmRegistry registry;
    private final InstantSource clock;
    private final ObjectMapper json;
    private final Path file;
    private final int firstNumber;
    private final Duration grace;
    private final int maxLeases;
    private final Map<String, Lease> byInstance = new LinkedHashMap<>();
    private final Instant started;
    private final Instant reservedUntil;

    public VmNames(VmRegistry registry, InstantSource clock, ObjectMapper json, CoordinatorProperties properties) {
        this.registry = registry;
        this.clock = clock;
        this.json = json;
        this.file = properties.dataDir().resolve(FILE);
        this.firstNumber = properties.expectedVms() + 1;
        this.grace = properties.nameLeaseGrace();
        this.maxLeases = properties.maxLeasedNames();
        this.started = clock.instant();
        this.reservedUntil = started.plus(properties.heartbeatTimeout());
        load();
    }

    /**
     * The name of this instance: the one it was given before, or the lowest free one.
     *
     * @throws NoFreeNameException when {@code max-leased-names} names are all held
     */
    public synchronized NameLease lease(String instance) {
        Names.requireValid("instance", instance);
        Instant now = clock.instant();
        Lease held = byInstance.get(instance);
        if (held != null) {
            byInstance.put(instance, new Lease(instance, held.name(), now));
            save();
            return new NameLease(instance, held.name());
        }
        Map<String, Lease> byName = new LinkedHashMap<>();
        byInstance.values().forEach(lease -> byName.put(lease.name(), lease));
        for (int k = firstNumber; k < firstNumber + maxLeases; k++) {
            String name = PREFIX + k;
            Lease holder = byName.get(name);
            if (heardFrom(name) || holder != null && inUse(holder, now)) {
                continue;
            }
            if (holder != null && reserved(holder, now)) {
                throw new NameNotFreeYetException(name + " was " + holder.instance() + "'s before the coordinator started; it is kept"
                        + " for it until " + reservedUntil + " in case it is still running", Duration.between(now, reservedUntil));
            }
            if (holder != null) {
                byInstance.remove(holder.instance());
                log.info("{} was leased to {}, silent for over {} s: it goes to {}", name, holder.instance(), grace.toSeconds(), instance);
            }
            if (byInstance.size() >= maxLeases) {
                break;
            }
            byInstance.put(instance, new Lease(instance, name, now));
            save();
            log.info("leased {} to {}", name, instance);
            return new NameLease(instance, name);
        }
        throw new NoFreeNameException("all " + maxLeases + " names a replica can get (max-leased-names) are held by VMs that are alive"
                + " or were leased within the last " + grace.toSeconds() + " s (name-lease-grace)");
    }

    /**
     * Gives this instance's name up: a replica that stops cleanly says so, so that the container
     * that replaces it (a new one, with a new hostname, when compose recreates it) gets the name.
     *
     * @return the name it held, if any
     */
    public synchronized Optional<String> release(String instance) {
        Names.requireValid("instance", instance);
        Lease lease = byInstance.remove(instance);
        if (lease == null) {
            return Optional.empty();
        }
        save();
        registry.departed(lease.name());
        log.info("{} gave up {}", instance, lease.name());
        return Optional.of(lease.name());
    }

    /** The names leased now, instance to name, in the order they were first leased. */
    public synchronized Map<String, String> leased() {
        Map<String, String> names = new LinkedHashMap<>();
        byInstance.values().forEach(lease -> names.put(lease.instance(), lease.name()));
        return names;
    }

    /** Its holder is alive, or registered within the grace, or was given it within the grace (it may still boot). */
    private boolean inUse(Lease lease, Instant now) {
        RegisteredVm vm = registry.get(lease.name());
        if (vm != null) {
            return registry.alive(vm) || Duration.between(vm.lastSeen(), now).compareTo(grace) < 0;
        }
        return !lease.leasedAt().isBefore(started) && Duration.between(lease.leasedAt(), now).compareTo(grace) < 0;
    }

    /** Leased before this coordinator started, not heard from since, and the window for it to register again is open. */
    private boolean reserved(Lease lease, Instant now) {
        return lease.leasedAt().isBefore(started) && registry.get(lease.name()) == null && now.isBefore(reservedUntil);
    }

    private boolean heardFrom(String name) {
        RegisteredVm vm = registry.get(name);
        return vm != null && registry.alive(vm);
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (Lease lease : json.readValue(file.toFile(), LEASES)) {
                if (Names.isValid(lease.instance()) && Names.isValid(lease.name()) && lease.leasedAt() != null) {
                    byInstance.put(lease.instance(), lease);
                }
            }
            log.info("{} name leases read from {}", byInstance.size(), file);
        } catch (IOException e) {
            // the leases are a convenience (a restarted replica keeps its name): a damaged file costs that, not the start
            log.warn("cannot read the name leases in {} ({}): replicas may get new names", file, e.getMessage());
        }
    }

    private void save() {
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(new ArrayList<>(byInstance.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the name leases in " + file, e);
        }
    }
}
