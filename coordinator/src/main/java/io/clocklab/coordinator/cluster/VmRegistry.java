package io.clocklab.coordinator.cluster;

import io.clocklab.core.control.VmRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** The VMs that have registered, in name order (the order peers and rates are given in). */
@Component
public class VmRegistry {

    /** Published after every registration, new or repeated. */
    public record VmRegistered(RegisteredVm vm, boolean isNew) {
    }

    private static final Logger log = LoggerFactory.getLogger(VmRegistry.class);

    private final ConcurrentSkipListMap<String, RegisteredVm> vms = new ConcurrentSkipListMap<>();
    private final InstantSource clock;
    private final ApplicationEventPublisher events;

    public VmRegistry(InstantSource clock, ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
    }

    /** @return true when the VM is new (or came back with another address) */
    public boolean register(VmRegistration registration) {
        RegisteredVm vm = new RegisteredVm(registration.name(), registration.httpUrl(), registration.tcpAddress(), clock.instant());
        RegisteredVm previous = vms.put(vm.name(), vm);
        boolean isNew = previous == null || !previous.httpUrl().equals(vm.httpUrl()) || !previous.tcpAddress().equals(vm.tcpAddress());
        if (isNew) {
            log.info("registered {} at {} (side port {}); {} VMs now", vm.name(), vm.httpUrl(), vm.tcpAddress(), vms.size());
        }
        events.publishEvent(new VmRegistered(vm, isNew));
        return isNew;
    }

    public List<RegisteredVm> all() {
        return List.copyOf(vms.values());
    }

    public List<String> names() {
        return List.copyOf(vms.keySet());
    }

    public int size() {
        return vms.size();
    }
}
