package io.clocklab.coordinator.web;

import io.clocklab.coordinator.analysis.AnalysisService;
import io.clocklab.coordinator.run.Run;
import io.clocklab.coordinator.run.RunNotFoundException;
import io.clocklab.coordinator.run.RunRequest;
import io.clocklab.coordinator.run.RunService;
import io.clocklab.core.analysis.RunAnalysis;
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
@RequestMapping("/api/runs")
class RunController {

    private final RunService runs;
    private final AnalysisService analyses;

    RunController(RunService runs, AnalysisService analyses) {
        this.runs = runs;
        this.analyses = analyses;
    }

    /** Ends the current run and starts a fresh one; an empty body means all defaults. */
    @PostMapping
    ResponseEntity<Run> start(@RequestBody(required = false) RunRequest request) {
        Run run = runs.start(request == null ? RunRequest.defaults() : request);
        return ResponseEntity.created(URI.create("/api/runs/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    Run run(@PathVariable String id) {
        return runs.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }

    /** Per-VM statistics, the plot series and the checker's verdict. */
    @GetMapping("/{id}/analysis")
    RunAnalysis analysis(@PathVariable String id) {
        return analyses.run(id).analysis();
    }

    /**
     * Collects an ended run's logs again from the VMs that still hold its files. The answer is the
     * run; its {@code logsMissing} names each VM still missing, and why.
     */
    @PostMapping("/{id}/collect")
    Run collect(@PathVariable String id) {
        return runs.collect(id);
    }

    @GetMapping
    List<Run> all() {
        return runs.all();
    }
}
