package io.clocklab.vm.web;

import io.clocklab.core.control.ClockView;
import io.clocklab.vm.run.VmRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiDocs.TAG_CLOCK, description = "The VM's clock and its run's events (the contract; open to anyone)")
class ClockController {

    private final VmRuntime runtime;

    ClockController(VmRuntime runtime) {
        this.runtime = runtime;
    }

    @GetMapping("/clock")
    @Operation(summary = "The VM now: its logical clock, rate, queue length, state and run",
            description = "`state` is `WAITING` (registered or set up, not ticking), `RUNNING` or `STOPPED`."
                    + " Before its first run, `clockRate` and `runId` are null.")
    @ApiResponse(responseCode = "200", description = "The VM's clock", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ClockView.class),
            examples = @ExampleObject(value = ApiDocs.CLOCK)))
    ClockView clock() {
        return runtime.view();
    }
}
