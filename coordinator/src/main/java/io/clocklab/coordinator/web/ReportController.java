package io.clocklab.coordinator.web;

import io.clocklab.core.model.ClockKind;

import io.clocklab.core.analysis.HybridReport;

import io.clocklab.coordinator.analysis.AnalysisService;
import io.clocklab.coordinator.analysis.RunAndAnalysis;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.experiment.Experiment;
import io.clocklab.coordinator.experiment.ExperimentNotFoundException;
import io.clocklab.coordinator.experiment.ExperimentRun;
import io.clocklab.coordinator.experiment.ExperimentService;
import io.clocklab.coordinator.experiment.ExperimentView;
import io.clocklab.coordinator.run.RunArchive;
import io.clocklab.coordinator.run.RunNotFoundException;
import io.clocklab.coordinator.run.RunService;
import io.clocklab.coordinator.run.RunStillGoingException;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.archive.Run;
import io.clocklab.core.causality.CausalOrder;
import io.clocklab.core.causality.CausalityLimitException;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.causality.ShivizLog;
import io.clocklab.core.log.RunLogs;
import io.clocklab.core.run.RunData;
import io.clocklab.core.control.ClusterSecret;
import io.clocklab.report.EventVectors;
import io.clocklab.report.ExperimentReportPage;
import io.clocklab.report.IndexEntry;
import io.clocklab.report.IndexPage;
import io.clocklab.report.LogsZip;
import io.clocklab.report.ReportLinks;
import io.clocklab.report.RunReportPage;
import io.clocklab.report.RunView;
import io.clocklab.report.SpaceTimeDiagram;
import io.clocklab.report.SpaceTimeSlices;
import io.clocklab.report.SpaceTimeWindow;
import io.clocklab.report.StatsCsv;
import io.clocklab.report.VmColors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.http.MediaType.TEXT_HTML_VALUE;
import static org.springframework.http.MediaType.TEXT_PLAIN_VALUE;

/** The HTML report pages and the downloads: what a person opens in a browser. */
@RestController
@Tag(name = ApiDocs.TAG_REPORTS, description = "The HTML report pages and downloads, for people")
class ReportController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType CSV = new MediaType(MediaType.parseMediaType(ApiDocs.CSV), java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType ZIP = MediaType.parseMediaType(ApiDocs.ZIP);
    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8);

    private final RunService runs;
    private final ExperimentService experiments;
    private final AnalysisService analyses;
    private final RunArchive archive;
    private final ReportLinks links = ReportLinks.web();
    private final List<String> safetyWarnings;

    ReportController(RunService runs, ExperimentService experiments, AnalysisService analyses, RunArchive archive,
                     ClusterSecret secret, CoordinatorProperties properties) {
        this.runs = runs;
        this.experiments = experiments;
        this.analyses = analyses;
        this.archive = archive;
        this.safetyWarnings = IndexPage.safetyWarnings(secret.isTheDefault(), properties.apiTokenRequired());
    }

    @GetMapping("/")
    @Operation(operationId = "indexPage", summary = "Runs and experiments, newest first, and the live clocks")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = TEXT_HTML_VALUE, schema = @Schema(type = "string")))
    ResponseEntity<String> index() {
        List<IndexEntry> runEntries = newestFirst(runs.all()).stream().map(run -> new IndexEntry(run.id(), run.state().name(),
                run.startAt(), ReportViews.summary(run))).toList();
        List<IndexEntry> experimentEntries = newestFirst(experiments.all()).stream().map(view -> new IndexEntry(
                view.experiment().id(), view.experiment().state().name(), view.experiment().createdAt(),
                ReportViews.summary(view))).toList();
        return html(new IndexPage(links, safetyWarnings).render(runEntries, experimentEntries));
    }

    /** A run's report; {@code from} and {@code to} (seconds since the run's start) pick the space-time window. */
    @GetMapping("/runs/{id}")
    @Operation(operationId = "runReportPage",
            summary = "A run's report; from and to (seconds since its start) pick the space-time window")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = TEXT_HTML_VALUE, schema = @Schema(type = "string")))
    ResponseEntity<String> run(@PathVariable String id, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to) {
        RunAndAnalysis analyzed = analyses.run(id);
        RunAnalysis analysis = analyzed.analysis();
        SpaceTimeDiagram diagram = null;
        SpaceTimeWindow window = null;
        if (analysis.start() != null) {
            // Lanes in the analysis' VM order; each VM's file is searched by time, never read whole.
            Map<String, Path> byName = analyzed.run().isRunning() ? archive.liveLogFiles(id) : archive.logFiles(id);
            Map<String, Path> files = new LinkedHashMap<>();
            analysis.vms().forEach(vm -> {
                if (byName.containsKey(vm.vm())) {
                    files.put(vm.vm(), byName.get(vm.vm()));
                }
            });
            VmColors colors = VmColors.forRun(analysis);
            try {
                if (from != null || to != null) {
                    SpaceTimeWindow fallback = from != null && to != null ? null
                            : SpaceTimeSlices.fromFiles(files, analysis.start(), colors, SpaceTimeDiagram.DEFAULT_CAP, null).defaultWindow();
                    try {
                        window = SpaceTimeWindow.parse(from, to, fallback);
                    } catch (IllegalArgumentException e) {
                        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
                    }
                }
                diagram = SpaceTimeSlices.fromFiles(files, analysis.start(), colors, SpaceTimeDiagram.DEFAULT_CAP, window);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the logs of run " + id + ": " + e.getMessage(), e);
            }
        }
        CausalityReport causality = null;
        HybridReport hybrid = null;
        String causalityNote = null;
        if (!analyzed.run().isRunning() && analysis.start() != null) {
            AnalysisService.Clocks clocks = analyses.clocksIfReady(id).orElse(null);
            hybrid = clocks == null ? null : clocks.hybrid();
            try {
                causality = clocks == null ? null : clocks.answer();
                causalityNote = causality == null ? "Being derived from the run's logs: reload the page in a moment." : null;
            } catch (CausalityLimitException e) {
                causalityNote = "Not derived: " + e.getMessage().replaceFirst("^happens-before not derived: ", "") + ".";
            }
            if (diagram != null && analysis.events() <= EventVectors.MAX_RUN_EVENTS) {
                diagram = diagram.withVectors(vectors(id, diagram));
            }
        }
        return html(new RunReportPage(links).render(view(analyzed.run()), analyzed.analysis(), causality, causalityNote,
                hybridShown(analyzed.run(), hybrid), diagram, window));
    }

    /** A hybrid run's section; none for another run (its report would only say that it has no hybrid times). */
    private static HybridReport hybridShown(Run run, HybridReport hybrid) {
        return hybrid != null && (run.clock() == ClockKind.HYBRID || hybrid.analysed()) ? hybrid : null;
    }

    /** The vector clocks of the diagram's events, from the run's collected logs (streamed whole: short runs only). */
    private EventVectors vectors(String id, SpaceTimeDiagram diagram) {
        try {
            RunData data = RunLogs.load(List.of(archive.directory(id)));
            return EventVectors.of(CausalOrder.vmsOf(data), data.events(), diagram);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the logs of run " + id + ": " + e.getMessage(), e);
        }
    }

    @GetMapping("/runs/{id}/stats.csv")
    @Operation(summary = "A run's per-VM statistics")
    @ApiResponse(responseCode = "200", description = "The statistics",
            content = @Content(mediaType = ApiDocs.CSV, schema = @Schema(type = "string")))
    ResponseEntity<String> runCsv(@PathVariable String id) {
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, attachment(id + "-stats.csv"))
                .body(StatsCsv.run(analyses.run(id).analysis()));
    }

    @GetMapping("/runs/{id}/logs.zip")
    @Operation(summary = "A run's logs")
    @ApiResponse(responseCode = "200", description = "One file per VM", content = @Content(mediaType = ApiDocs.ZIP,
            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<StreamingResponseBody> runLogs(@PathVariable String id) {
        analyses.run(id); // 404 or 409 before anything is streamed
        return zip(id + "-logs.zip", prefixed(id, archive.logFiles(id)));
    }

    /** The run in ShiViz's log format: its events in causal order, each with its vector clock (derived from the logs). */
    @GetMapping("/runs/{id}/shiviz.log")
    @Operation(summary = "A run in ShiViz's log format: the parsing expression, then each event in causal order with its vector clock")
    @ApiResponse(responseCode = "200", description = "The log, for ShiViz's input page",
            content = @Content(mediaType = TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    ResponseEntity<StreamingResponseBody> runShiviz(@PathVariable String id) throws IOException {
        Run run = runs.find(id).orElseThrow(() -> new RunNotFoundException(id));
        if (run.isRunning()) {
            throw new RunStillGoingException("run " + id + " is still running; its ShiViz log is made from the logs collected when it ends");
        }
        analyses.causality(id); // 409 or 422 before anything is streamed (logs not collected, too many messages in flight)
        RunData data = RunLogs.load(List.of(archive.directory(id)));
        return ResponseEntity.ok().contentType(TEXT).header(HttpHeaders.CONTENT_DISPOSITION, attachment(id + "-shiviz.log"))
                .body(out -> {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
                    ShivizLog.write(data, writer);
                    writer.flush();
                });
    }

    @GetMapping("/experiments/{id}")
    @Operation(operationId = "experimentReportPage", summary = "An experiment's report")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = TEXT_HTML_VALUE, schema = @Schema(type = "string")))
    ResponseEntity<String> experiment(@PathVariable String id) {
        ExperimentView view = find(id);
        return html(new ExperimentReportPage(links).render(ReportViews.of(view), analyses.experiment(view.experiment())));
    }

    @GetMapping("/experiments/{id}/stats.csv")
    @Operation(summary = "An experiment's variation summaries")
    @ApiResponse(responseCode = "200", description = "The summaries",
            content = @Content(mediaType = ApiDocs.CSV, schema = @Schema(type = "string")))
    ResponseEntity<String> experimentCsv(@PathVariable String id) {
        Experiment experiment = find(id).experiment();
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, attachment(id + "-stats.csv"))
                .body(StatsCsv.experiment(analyses.experiment(experiment)));
    }

    /** Every finished run's logs, one folder per run. */
    @GetMapping("/experiments/{id}/logs.zip")
    @Operation(summary = "Every finished run's logs, one folder per run")
    @ApiResponse(responseCode = "200", description = "The logs", content = @Content(mediaType = ApiDocs.ZIP,
            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<StreamingResponseBody> experimentLogs(@PathVariable String id) {
        Map<String, java.nio.file.Path> files = new LinkedHashMap<>();
        for (ExperimentRun planned : find(id).experiment().runs()) {
            if (planned.done()) {
                files.putAll(prefixed(planned.runId(), archive.logFiles(planned.runId())));
            }
        }
        return zip(id + "-logs.zip", files);
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> list = new ArrayList<>(oldestFirst);
        Collections.reverse(list);
        return list;
    }

    private ExperimentView find(String id) {
        return experiments.find(id).orElseThrow(() -> new ExperimentNotFoundException("no experiment has id " + id));
    }

    private RunView view(Run run) {
        String experimentName = run.experimentId() == null ? null
                : experiments.find(run.experimentId()).map(view -> view.experiment().name()).orElse(null);
        return ReportViews.of(run, experimentName);
    }

    private static Map<String, java.nio.file.Path> prefixed(String runId, Map<String, java.nio.file.Path> files) {
        Map<String, java.nio.file.Path> named = new LinkedHashMap<>();
        files.forEach((vm, path) -> named.put(runId + "/" + path.getFileName(), path));
        return named;
    }

    private static ResponseEntity<StreamingResponseBody> zip(String name, Map<String, java.nio.file.Path> files) {
        return ResponseEntity.ok().contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name))
                .body(out -> LogsZip.write(files, out));
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }

    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(HTML).body(page);
    }
}
