package io.clocklab.coordinator.web;

import io.clocklab.coordinator.analysis.AnalysisService;
import io.clocklab.coordinator.experiment.ExperimentNotFoundException;
import io.clocklab.coordinator.experiment.ExperimentRequest;
import io.clocklab.coordinator.experiment.ExperimentService;
import io.clocklab.coordinator.experiment.ExperimentView;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/experiments")
@Tag(name = ApiDocs.TAG_EXPERIMENTS, description = "Experiments: variations of runs, live or simulated, side by side")
class ExperimentController {

    private final ExperimentService experiments;
    private final AnalysisService analyses;

    ExperimentController(ExperimentService experiments, AnalysisService analyses) {
        this.experiments = experiments;
        this.analyses = analyses;
    }

    /** Accepted, not done: the runs go on in the background; poll the Location for progress. */
    @PostMapping
    @Operation(operationId = "submitExperiment",
            summary = "Runs an experiment in the background: its variations, each so many times")
    @ApiResponse(responseCode = "202", description = "Accepted; Location: /api/experiments/{id}, to poll for progress")
    ResponseEntity<ExperimentView> submit(@RequestBody(required = false) ExperimentRequest request) {
        ExperimentView view = experiments.submit(request);
        return ResponseEntity.accepted().location(URI.create("/api/experiments/" + view.experiment().id())).body(view);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getExperiment", summary = "An experiment, its planned runs and its progress")
    ExperimentView experiment(@PathVariable String id) {
        return experiments.find(id).orElseThrow(() -> new ExperimentNotFoundException("no experiment has id " + id));
    }

    /** The variations side by side, with 95 % confidence intervals, over the runs finished so far. */
    @GetMapping("/{id}/analysis")
    @Operation(operationId = "getExperimentAnalysis", summary = "The variations side by side, with 95 % confidence intervals")
    ExperimentAnalysis analysis(@PathVariable String id) {
        return analyses.experiment(experiment(id).experiment());
    }

    @GetMapping
    @Operation(operationId = "listExperiments", summary = "Every experiment")
    List<ExperimentView> all() {
        return experiments.all();
    }
}
