package io.clocklab.vm.web;

import io.clocklab.core.control.DeliveryState;
import io.clocklab.core.control.Names;
import io.clocklab.vm.run.VmRuntime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the coordinator collects from a VM about any of its runs (bearer-protected, like the control
 * API): the events of a run's log file, and where the current run's messages stand.
 */
@RestController
@RequestMapping("/internal/runs/{runId}")
class RunsController {

    private final VmRuntime runtime;

    RunsController(VmRuntime runtime) {
        this.runtime = runtime;
    }

    /** {@code ?from=S&limit=L}, paged as {@code GET /log}; 404 when this VM has no log for the run. */
    @GetMapping(path = "/log", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> log(@PathVariable String runId, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String limit) {
        requireValid(runId);
        PageParams page = PageParams.parse(from, limit);
        return LogController.jsonArray(runtime.events(runId, page.from(), page.limit()));
    }

    /** 409 when the run is not this VM's current run. */
    @GetMapping("/delivery")
    DeliveryState delivery(@PathVariable String runId) {
        requireValid(runId);
        return runtime.delivery(runId);
    }

    private static void requireValid(String runId) {
        if (!Names.isValid(runId)) {
            throw new BadRequestException("'" + runId + "' is not a run id");
        }
    }
}
