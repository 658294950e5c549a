package io.clocklab.vm.web;

import io.clocklab.core.control.DeliveryState;
import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.vm.run.VmRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * What the coordinator collects from a VM about any of its runs (bearer-protected, like the control
 * API): the events of a run's log file, and where the current run's messages stand.
 */
@RestController
@RequestMapping("/internal/runs/{runId}")
@Tag(name = ApiDocs.TAG_CONTROL)
@SecurityRequirement(name = OpenApiConfig.CLUSTER_SECRET)
class RunsController {

    private final VmRuntime runtime;
    private final LogPages pages;

    RunsController(VmRuntime runtime, LogPages pages) {
        this.pages = pages;
        this.runtime = runtime;
    }

    /** {@code ?from=S&limit=L}, paged as {@code GET /log}; 404 when this VM has no log for the run. */
    @GetMapping(path = "/log", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "runLog",
            summary = "A run's events from its log file, paged as GET /log, current run or not; 404 without a log")
    @ApiResponse(responseCode = "200", description = "The events", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = Event.class))))
    void log(@PathVariable String runId, @RequestParam(required = false) String from, @RequestParam(required = false) String limit,
             @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        requireValid(runId);
        PageParams page = PageParams.parse(from, limit);
        pages.write(response, () -> runtime.events(runId, page.from(), page.limit()));
    }

    /** 409 when the run is not this VM's current run. */
    @GetMapping("/delivery")
    @Operation(summary = "The queue, and per peer the seqs sent there that it has not confirmed; 409 if not the current run")
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
