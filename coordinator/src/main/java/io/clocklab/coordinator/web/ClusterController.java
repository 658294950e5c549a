package io.clocklab.coordinator.web;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.cluster.VmNames;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.run.RunService;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import io.clocklab.core.archive.Run;
import io.clocklab.core.control.NameLease;
import io.clocklab.core.control.Names;
import io.clocklab.core.control.VmRegistration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = ApiDocs.TAG_CLUSTER, description = "The registered VMs and their state")
class ClusterController {

    /** One Prometheus HTTP service-discovery target group. */
    record TargetGroup(List<String> targets, Map<String, String> labels) {
    }

    private final VmRegistry registry;
    private final RunService runs;
    private final VmControlClient control;
    private final VmNames names;

    ClusterController(VmRegistry registry, VmNames names, RunService runs, VmControlClient control) {
        this.registry = registry;
        this.names = names;
        this.runs = runs;
        this.control = control;
    }

    @GetMapping("/api/cluster")
    @Operation(summary = "The current run's state and id, and every registered VM with its rate and health",
            description = "`state` is the current run's state, or `WAITING` before the first run. A VM's `health` is `UP`,"
                    + " `DOWN` (not heard from for the heartbeat timeout) or `RECOVERING` (being handed its run after a restart).")
    @ApiResponse(responseCode = "200", description = "The cluster", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ClusterView.class), examples = @ExampleObject(value = ApiDocs.CLUSTER)))
    ClusterView cluster() {
        Run run = runs.current().orElse(null);
        List<ClusterView.VmView> vms = registry.all().stream().map(vm -> new ClusterView.VmView(vm.name(),
                run == null ? null : run.clockRates().get(vm.name()), vm.httpUrl(), vm.tcpAddress(), registry.health(vm),
                vm.lastSeen(), vm.runId())).toList();
        return new ClusterView(run == null ? "WAITING" : run.state().name(), run == null ? null : run.id(), vms);
    }

    /**
     * Every VM's {@code GET /clock}, for the index page's live clocks (the browser cannot reach the
     * VMs itself), in natural name order as the page shows them (vm2 before vm10). A VM that does not
     * answer shows as {@code UNAVAILABLE}.
     */
    @GetMapping("/api/clocks")
    @Operation(summary = "Every VM's GET /clock; a VM that does not answer shows as UNAVAILABLE")
    List<Object> clocks() {
        List<Object> clocks = new ArrayList<>();
        for (RegisteredVm vm : registry.all().stream().sorted(Comparator.comparing(RegisteredVm::name, Names.NATURAL_ORDER)).toList()) {
            try {
                clocks.add(control.clock(vm));
            } catch (VmUnavailableException e) {
                clocks.add(new UnavailableClock(vm.name(), "UNAVAILABLE"));
            }
        }
        return clocks;
    }

    /** In {@code /api/clocks}, a VM that did not answer its {@code GET /clock}. */
    record UnavailableClock(String vm, String state) {
    }

    /**
     * Called by each VM at start-up and every few seconds after (the heartbeat); bearer-protected.
     * 409 when a live VM holds the name at another address.
     */
    @PostMapping("/api/vms")
    @Operation(summary = "A VM registers (at start-up, then every 5 s as its heartbeat); 409 when a live VM holds the name"
            + " at another address")
    @ApiResponse(responseCode = "201", description = "A new VM, registered")
    @ApiResponse(responseCode = "200", description = "A known VM's heartbeat")
    ResponseEntity<VmRegistration> register(@RequestBody VmRegistration registration) {
        boolean isNew = registry.register(registration).isNew();
        return ResponseEntity.status(isNew ? HttpStatus.CREATED : HttpStatus.OK).body(registration);
    }

    /**
     * A VM started without a name (a replica of a scaled service) asks for one before it starts;
     * bearer-protected like registration. The same instance always gets the same name back.
     */
    @PostMapping("/api/vms/names")
    @Operation(summary = "A VM started without a name (a scaled replica) gets the lowest free vm<k> after the fixed VMs;"
            + " the same instance (its hostname) gets the same name again; 409 when every name is held; 503 with Retry-After"
            + " while the name may still be a running replica's (just after the coordinator started)")
    @ApiResponse(responseCode = "200", description = "The name leased to this instance", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = NameLease.class),
            examples = @ExampleObject(value = ApiDocs.NAME_LEASE)))
    NameLease leaseName(@RequestBody NameLease request) {
        return names.lease(request.instance());
    }

    /** A replica that stops cleanly gives its name up, for the container that replaces it; bearer-protected. */
    @DeleteMapping("/api/vms/names/{instance}")
    @Operation(summary = "A replica stopping cleanly gives its leased name up, so that the container replacing it gets it;"
            + " 204 whether it held one or not")
    @ApiResponse(responseCode = "204", description = "The instance holds no name now")
    ResponseEntity<Void> releaseName(@PathVariable String instance) {
        names.release(instance);
        return ResponseEntity.noContent().build();
    }

    /**
     * Prometheus {@code http_sd_configs}: every registered VM's metrics endpoint, labelled with its
     * name. Its health is a {@code __meta_} label: Prometheus shows it on its targets page and
     * drops it from the series, so a VM's series keep their labels when it goes DOWN and comes back.
     */
    @GetMapping("/api/prometheus/targets")
    @Operation(summary = "Prometheus HTTP service discovery: every registered VM's metrics endpoint, with a vm label")
    @ApiResponse(responseCode = "200", description = "One target group per VM", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = TargetGroup.class)),
            examples = @ExampleObject(value = ApiDocs.PROMETHEUS_TARGETS)))
    List<TargetGroup> prometheusTargets() {
        return registry.all().stream()
                .map(vm -> new TargetGroup(List.of(vm.metricsTarget()),
                        labels(vm.name(), registry.health(vm).name())))
                .toList();
    }

    private static Map<String, String> labels(String vm, String health) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("vm", vm);
        labels.put("__meta_clocklab_health", health);
        return labels;
    }
}
