package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.core.model.Event;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads every VM's log of a run through {@code GET /log}, page by page. */
@Component
public class LogCollector {

    /** The contract's largest page. */
    static final int PAGE = 10_000;

    private final VmControlClient vms;

    public LogCollector(VmControlClient vms) {
        this.vms = vms;
    }

    /**
     * Each VM's events of {@code runId}, in seq order. Checks first that the VM still holds that run,
     * so a log of another run is never filed under this one.
     */
    public Map<String, List<Event>> collect(List<RegisteredVm> cluster, String runId) {
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        for (RegisteredVm vm : cluster) {
            String held = vms.clock(vm).path("runId").asText(null);
            if (!runId.equals(held)) {
                throw new IllegalStateException(vm.name() + " holds run " + held + ", not " + runId);
            }
            List<Event> events = new ArrayList<>();
            while (true) {
                List<Event> page = vms.log(vm, events.size() + 1L, PAGE);
                events.addAll(page);
                if (page.size() < PAGE) {
                    break;
                }
            }
            logs.put(vm.name(), events);
        }
        return logs;
    }
}
