package io.clocklab.coordinator.web;

import io.clocklab.core.analysis.HybridReport;

import io.clocklab.coordinator.analysis.AnalysisService;
import io.clocklab.coordinator.run.RunNotFoundException;
import io.clocklab.coordinator.run.RunRequest;
import io.clocklab.coordinator.run.RunService;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.archive.Run;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

@RestController
@RequestMapping("/api/runs")
@Tag(name = ApiDocs.TAG_RUNS, description = "Runs: start one, read one, its analysis")
class RunController {

    private final RunService runs;
    private final AnalysisService analyses;

    RunController(RunService runs, AnalysisService analyses) {
        this.runs = runs;
        this.analyses = analyses;
    }

    /** Ends the current run and starts a fresh one; an empty body means all defaults. */
    @PostMapping
    @Operation(operationId = "startRun", summary = "Ends the current run and starts a fresh one on every VM that is UP",
            description = "Resets every VM's clock, queue and log, hands out rates (fixed ones from `clockRates`, the rest drawn"
                    + " from [`clockRateMin`, `clockRateMax`]) and starts all VMs together. Every field is optional; an empty"
                    + " body means all defaults. Without `durationSeconds` a run goes on until the next one.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = RunRequest.class),
                    examples = @ExampleObject(value = ApiDocs.RUN_REQUEST))))
    @ApiResponse(responseCode = "201", description = "The run, started; Location: /api/runs/{id}", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Run.class),
            examples = @ExampleObject(value = ApiDocs.RUN_STARTED)))
    @ApiResponse(responseCode = "400", description = "Invalid input (a rate below 1, min > max, randomRange < 1 or > 10^9, an unknown VM"
            + " name, ...), every fault listed; nothing changed", content = @Content(mediaType = APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(value = ApiDocs.INVALID_RUN)))
    @ApiResponse(responseCode = "409", description = "Fewer VMs than expected are registered and UP, or a live experiment owns"
            + " the cluster", content = @Content(mediaType = APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(value = ApiDocs.CLUSTER_NOT_READY)))
    @ApiResponse(responseCode = "503", description = "A VM did not answer or did not accept the run; the detail says whether the"
            + " current run was left as it was", content = @Content(mediaType = APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(value = ApiDocs.VM_UNAVAILABLE)))
    @ApiResponse(responseCode = "507", description = "The run's logs could fill the data directory's disk; nothing started",
            content = @Content(mediaType = APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(value = ApiDocs.INSUFFICIENT_STORAGE)))
    ResponseEntity<Run> start(@RequestBody(required = false) RunRequest request) {
        Run run = runs.start(request == null ? RunRequest.defaults() : request);
        return ResponseEntity.created(URI.create("/api/runs/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getRun",
            summary = "A run: its state (RUNNING, FINISHED, STOPPED), parameters, the rate each VM got, and what became of its messages")
    @ApiResponse(responseCode = "200", description = "The run", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = Run.class), examples = @ExampleObject(value = ApiDocs.RUN_FINISHED)))
    @ApiResponse(responseCode = "404", description = "No run has this id", content = @Content(mediaType = APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(value = ApiDocs.RUN_NOT_FOUND)))
    Run run(@Parameter(description = "the run's id", example = "20261121-203310-9d02") @PathVariable String id) {
        return runs.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }

    /** Per-VM statistics, the plot series and the checker's verdict. */
    @GetMapping("/{id}/analysis")
    @Operation(operationId = "getRunAnalysis", summary = "A run's per-VM statistics, plot series and the checker's verdict")
    RunAnalysis analysis(@PathVariable String id) {
        return analyses.run(id).analysis();
    }

    /** Happens-before in the run, from its logs: concurrency, the orderings Lamport invents, the longest causal chain. */
    @GetMapping("/{id}/causality")
    @Operation(operationId = "getRunCausality", summary = "Happens-before in a run, from its logs: the share of concurrent pairs"
            + " (overall and over time), the pairs Lamport's clock orders although they are concurrent (counted, with examples),"
            + " the longest causal chain, and per VM how much of its clock came from its receives")
    CausalityReport causality(@PathVariable String id) {
        return analyses.causality(id);
    }

    /** A hybrid run's clocks against the bounds Kulkarni et al. prove: l - pt within epsilon, c bounded. */
    @GetMapping("/{id}/hybrid")
    @Operation(operationId = "getRunHybridClocks", summary = "A hybrid run's clocks against their bounds: per VM the largest and"
            + " smallest l - pt against epsilon (the widest gap between the VMs' skewed clocks), the largest c against its bound,"
            + " whether each VM's hybrid time only grew, and l - pt over time; for another run, why there is nothing to measure")
    HybridReport hybrid(@PathVariable String id) {
        return analyses.hybrid(id);
    }

    /**
     * Collects an ended run's logs again from the VMs that still hold its files. The answer is the
     * run; its {@code logsMissing} names each VM still missing, and why.
     */
    @PostMapping("/{id}/collect")
    @Operation(operationId = "collectRunLogs", summary = "Collects an ended run's logs again from the VMs that still hold them;"
            + " logsMissing says what is still missing")
    Run collect(@PathVariable String id) {
        return runs.collect(id);
    }

    @GetMapping
    @Operation(operationId = "listRuns", summary = "Every run in the data directory, oldest first")
    List<Run> all() {
        return runs.all();
    }
}
