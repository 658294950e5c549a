package io.clocklab.coordinator.cluster;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.core.control.Names;
import io.clocklab.core.control.VmRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The VMs that have registered, in natural name order (vm2 before vm10: the order peers and rates are given in). Each
 * registration is also a heartbeat: a VM not heard from for {@code heartbeat-timeout} is
 * {@link VmHealth#DOWN}. A name cannot move to another address while its VM is alive.
 */
@Component
public class VmRegistry {

    /**
     * Published after every accepted registration, new or repeated.
     *
     * @param previous the registration before this one, or null for a name seen for the first time
     */
    public record VmRegistered(RegisteredVm vm, RegisteredVm previous) {
        public boolean isNew() {
            return previous == null || !previous.sameAddressAs(vm);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(VmRegistry.class);

    /** Natural order (vm2 before vm10): a live run's fixed peer order is the simulator's. */
    private final ConcurrentSkipListMap<String, RegisteredVm> vms = new ConcurrentSkipListMap<>(Names.NATURAL_ORDER);
    private final Set<String> recovering = ConcurrentHashMap.newKeySet();
    private final InstantSource clock;
    private final ApplicationEventPublisher events;
    private final Duration heartbeatTimeout;

    public VmRegistry(InstantSource clock, ApplicationEventPublisher events, CoordinatorProperties properties) {
        this.clock = clock;
        this.events = events;
        this.heartbeatTimeout = properties.heartbeatTimeout();
    }

    /**
     * @return the event published for it
     * @throws RegistrationConflictException when a live VM holds the name at another address
     */
    public VmRegistered register(VmRegistration registration) {
        RegisteredVm vm = new RegisteredVm(registration.name(), registration.httpUrl(), registration.tcpAddress(),
                clock.instant(), registration.runId(), registration.state());
        RegisteredVm[] before = new RegisteredVm[1];
        vms.compute(vm.name(), (name, previous) -> {
            if (previous != null && !previous.sameAddressAs(vm) && alive(previous)) {
                throw new RegistrationConflictException(name + " is registered at " + previous.httpUrl() + " (side port "
                        + previous.tcpAddress() + ") and was heard from " + Duration.between(previous.lastSeen(), vm.lastSeen()).toMillis()
                        + " ms ago; another VM cannot take the name until it has been silent for " + heartbeatTimeout.toSeconds() + " s");
            }
            before[0] = previous;
            return vm;
        });
        VmRegistered registered = new VmRegistered(vm, before[0]);
        if (registered.isNew()) {
            log.info("registered {} at {} (side port {}); {} VMs now", vm.name(), vm.httpUrl(), vm.tcpAddress(), vms.size());
        } else if (!alive(before[0])) {
            log.info("{} is back after {} s of silence", vm.name(), Duration.between(before[0].lastSeen(), vm.lastSeen()).toSeconds());
        }
        events.publishEvent(registered);
        return registered;
    }

    /**
     * The VM said it is leaving (a replica stopping cleanly): it counts as not heard from for the
     * heartbeat timeout from now on, DOWN at once, and its name may move to the VM that replaces it.
     */
    public void departed(String name) {
        vms.computeIfPresent(name, (n, vm) -> new RegisteredVm(vm.name(), vm.httpUrl(), vm.tcpAddress(),
                clock.instant().minus(heartbeatTimeout).minusMillis(1), vm.runId(), vm.state()));
    }

    public boolean alive(RegisteredVm vm) {
        return Duration.between(vm.lastSeen(), clock.instant()).compareTo(heartbeatTimeout) <= 0;
    }

    public VmHealth health(RegisteredVm vm) {
        if (!alive(vm)) {
            return VmHealth.DOWN;
        }
        return recovering.contains(vm.name()) ? VmHealth.RECOVERING : VmHealth.UP;
    }

    /** Marks a VM as being handed its run again after a restart (or clears the mark). */
    public void recovering(String name, boolean isRecovering) {
        if (isRecovering) {
            recovering.add(name);
        } else {
            recovering.remove(name);
        }
    }

    public List<RegisteredVm> all() {
        return List.copyOf(vms.values());
    }

    /** The VMs heard from within the heartbeat timeout: the ones a new run includes. */
    public List<RegisteredVm> alive() {
        return vms.values().stream().filter(this::alive).toList();
    }

    public RegisteredVm get(String name) {
        return vms.get(name);
    }

    public List<String> names() {
        return List.copyOf(vms.keySet());
    }

    public int size() {
        return vms.size();
    }
}
