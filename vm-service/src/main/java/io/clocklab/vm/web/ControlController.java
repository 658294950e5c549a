package io.clocklab.vm.web;

import io.clocklab.core.control.ClockView;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.RunStop;
import io.clocklab.vm.run.VmRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coordinator's side of a VM (docs in README, "Control API"). Bearer-protected by the
 * cluster secret ({@link WebConfig}): anyone who can reach port 808N must not reset a run.
 */
@RestController
@RequestMapping("/internal/run")
@Tag(name = ApiDocs.TAG_CONTROL, description = "The coordinator's side of a VM: needs the cluster secret")
@SecurityRequirement(name = OpenApiConfig.CLUSTER_SECRET)
class ControlController {

    private final VmRuntime runtime;

    ControlController(VmRuntime runtime) {
        this.runtime = runtime;
    }

    @PutMapping
    @Operation(summary = "Sets up a run: ends the current one, resets the clock, queue and log (or rejoins a run whose log it has)")
    ClockView setUp(@RequestBody RunSetup setup) {
        return runtime.setUp(setup);
    }

    @PostMapping("/start")
    @Operation(summary = "Starts ticking on the grid of startAt, for durationSeconds if given")
    ClockView start(@RequestBody RunStart start) {
        return runtime.start(start);
    }

    @PostMapping("/stop")
    @Operation(summary = "Stops ticking")
    ClockView stop(@RequestBody RunStop stop) {
        if (stop.runId() == null) {
            throw new BadRequestException("runId is required");
        }
        return runtime.stop(stop.runId());
    }
}
