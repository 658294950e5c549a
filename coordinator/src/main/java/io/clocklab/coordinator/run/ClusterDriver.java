package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import io.clocklab.core.archive.Run;
import io.clocklab.core.control.ClockView;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Drives the VMs through a run's steps over their control API. Holds no state and no lock. */
@Component
class ClusterDriver {

    private static final Logger log = LoggerFactory.getLogger(ClusterDriver.class);

    private final VmControlClient vms;

    ClusterDriver(VmControlClient vms) {
        this.vms = vms;
    }

    /**
     * Asks every VM for its clock, all at once.
     *
     * @throws VmUnavailableException naming every VM that did not answer
     */
    void probe(List<RegisteredVm> cluster) {
        List<CompletableFuture<String>> answers = cluster.stream().map(vm -> CompletableFuture.supplyAsync(() -> {
            try {
                vms.clock(vm);
                return null;
            } catch (VmUnavailableException e) {
                return e.getMessage();
            }
        })).toList();
        List<String> failed = answers.stream().map(CompletableFuture::join).filter(problem -> problem != null).toList();
        if (!failed.isEmpty()) {
            throw new VmUnavailableException(String.join("; ", failed) + "; the current run was left as it was");
        }
    }

    /**
     * Sets the run up on every VM. If one fails, the ones already set up are told to stop it, so no
     * VM is left waiting for a run that will not start.
     */
    void setUp(Run run, List<RegisteredVm> cluster) {
        List<RegisteredVm> done = new ArrayList<>();
        for (RegisteredVm vm : cluster) {
            try {
                vms.setUp(vm, setupFor(run, vm, cluster));
                done.add(vm);
            } catch (VmUnavailableException e) {
                stop(run.id(), done);
                throw e;
            }
        }
    }

    void start(Run run, List<RegisteredVm> cluster) {
        RunStart start = new RunStart(run.id(), run.startAt(), run.durationSeconds());
        for (RegisteredVm vm : cluster) {
            try {
                vms.start(vm, start);
            } catch (VmUnavailableException e) {
                stop(run.id(), cluster);
                throw e;
            }
        }
    }

    /**
     * Hands a restarted VM its run again: the same set-up (it recovers from its log), and the run's
     * own start, so it ticks on the same grid. Asks the VM first, so a VM that holds the run and
     * ticks (a stale heartbeat said otherwise) is left alone.
     *
     * @return false when the VM was in the run already
     */
    boolean rejoin(Run run, RegisteredVm vm, List<RegisteredVm> cluster) {
        ClockView clock = vms.clock(vm);
        if (run.id().equals(clock.runId()) && clock.state() != VmState.WAITING) {
            return false;
        }
        vms.setUp(vm, setupFor(run, vm, cluster));
        vms.start(vm, new RunStart(run.id(), run.startAt(), run.durationSeconds()));
        return true;
    }

    /** Best effort: a VM that does not answer is only logged (its own file keeps every event). */
    void stop(String runId, List<RegisteredVm> cluster) {
        for (RegisteredVm vm : cluster) {
            try {
                vms.stop(vm, runId);
            } catch (VmUnavailableException e) {
                log.warn("stopping run {}: {}", runId, e.getMessage());
            }
        }
    }

    private static RunSetup setupFor(Run run, RegisteredVm vm, List<RegisteredVm> cluster) {
        List<Peer> peers = cluster.stream().filter(other -> !other.name().equals(vm.name()))
                .map(other -> new Peer(other.name(), other.tcpAddress())).toList();
        return new RunSetup(run.id(), peers, run.clockRates().get(vm.name()), run.randomRange(), run.seed(), run.clock(),
                run.skewOf(vm.name()));
    }
}
