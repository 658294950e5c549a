package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import io.clocklab.core.archive.Run;
import io.clocklab.core.control.DeliveryState;
import io.clocklab.core.control.LogPages;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.EndState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run's logs and end state from its VMs. Logs go to the data directory page by page, so a
 * run of any length costs one page of memory; each VM serves its file of that run whether or not
 * it still holds the run.
 */
@Component
public class LogCollector {

    private static final Logger log = LoggerFactory.getLogger(LogCollector.class);

    /** The contract's largest page. */
    static final int PAGE = LogPages.MAX_LIMIT;
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);

    private final VmControlClient vms;
    private final VmRegistry registry;
    private final RunArchive archive;
    private final LiveLogs liveLogs;
    private final Duration drainTimeout;

    public LogCollector(VmControlClient vms, VmRegistry registry, RunArchive archive, LiveLogs liveLogs, CoordinatorProperties properties) {
        this.vms = vms;
        this.registry = registry;
        this.archive = archive;
        this.liveLogs = liveLogs;
        this.drainTimeout = properties.drainTimeout();
    }

    /**
     * Writes each member's log of the run into the data directory.
     *
     * @return the members whose logs could not be collected, with the reason; empty when all were
     */
    public Map<String, String> collect(Run run) {
        Map<String, String> missing = new TreeMap<>();
        for (String name : run.vms()) {
            RegisteredVm vm = registry.get(name);
            if (vm == null) {
                missing.put(name, "not registered with this coordinator");
                continue;
            }
            try {
                long events = archive.writeLog(run.id(), name, from -> vms.log(vm, run.id(), from, PAGE));
                log.debug("run {}: {} events of {} collected", run.id(), events, name);
            } catch (VmUnavailableException | UncheckedIOException e) {
                missing.put(name, e.getMessage());
            }
        }
        if (missing.isEmpty()) {
            try {
                liveLogs.discard(run.id());
            } catch (UncheckedIOException e) {
                log.warn("run {}: the live copy of its logs stays: {}", run.id(), e.getMessage());
            }
        }
        return missing;
    }

    /**
     * What the members still held when the run ended. Waits up to {@code drain-timeout} for
     * messages in flight to reach their queues; then takes every sender's unconfirmed messages
     * first and every queue after, so a message that moves from one to the other in between is
     * seen at least once. Null when no member answered.
     */
    public EndState endState(Run run) {
        List<RegisteredVm> members = run.vms().stream().map(registry::get).filter(vm -> vm != null && registry.alive(vm)).toList();
        Instant giveUp = Instant.now().plus(drainTimeout);
        Map<String, DeliveryState> first = states(members, run.id());
        while (!first.values().stream().allMatch(DeliveryState::allConfirmed)
                && Instant.now().isBefore(giveUp)) {
            pause();
            first = states(members, run.id());
        }
        if (first.isEmpty()) {
            return null;
        }
        Map<String, DeliveryState> second = states(members, run.id());
        Map<String, List<String>> queued = new TreeMap<>();
        second.forEach((vm, state) -> queued.put(vm, state.queued()));
        Map<String, Map<String, SentRange>> unconfirmed = new TreeMap<>();
        first.forEach((vm, state) -> unconfirmed.put(vm, new TreeMap<>(state.unconfirmed())));
        return new EndState(queued, unconfirmed);
    }

    private Map<String, DeliveryState> states(List<RegisteredVm> members, String runId) {
        Map<String, DeliveryState> states = new TreeMap<>();
        for (RegisteredVm vm : members) {
            try {
                states.put(vm.name(), vms.delivery(vm, runId));
            } catch (VmUnavailableException e) {
                log.warn("run {}: {}", runId, e.getMessage());
            }
        }
        return states;
    }

    private static void pause() {
        try {
            Thread.sleep(DRAIN_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
