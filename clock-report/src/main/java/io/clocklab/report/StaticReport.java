package io.clocklab.report;

import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.causality.CausalOrder;
import io.clocklab.core.causality.ShivizLog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report as plain files for the CLI: open {@code index.html} from disk, no server needed.
 * <pre>
 * run directory:         index.html analysis.json stats.csv clocks.svg drift.svg queues.svg jumps.svg space-time.svg
 *                        [causality.json shiviz.log] [hybrid.json] [logs.zip]
 * experiment directory:  index.html analysis.json stats.csv comparison.svg runs/&lt;run id&gt;/(a run directory)
 * </pre>
 */
public final class StaticReport {

    private StaticReport() {
    }

    /** Writes a run's report into {@code directory} (created if needed) and returns the files written. */
    public static List<Path> writeRun(Path directory, RunReportData data) throws IOException {
        return writeRun(directory, data, StaticReportLinks.forRun(!data.logFiles().isEmpty()));
    }

    /** Writes an experiment's report, with each of its runs under {@code runs/<id>/}, and returns the files written. */
    public static List<Path> writeExperiment(Path directory, ExperimentHeader experiment, ExperimentAnalysis analysis,
                                             List<RunReportData> runs) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        written.add(write(directory.resolve("index.html"),
                new ExperimentReportPage(StaticReportLinks.forExperiment()).render(experiment, analysis)));
        written.add(writeJson(directory.resolve("analysis.json"), analysis));
        written.add(write(directory.resolve("stats.csv"), StatsCsv.experiment(analysis)));
        written.add(write(directory.resolve("comparison.svg"), VariationComparisonPlot.render(analysis)));
        for (RunReportData given : runs) {
            RunReportData run = belongingTo(given, experiment);
            Path runDirectory = directory.resolve("runs").resolve(directoryName(run.run().id()));
            written.addAll(writeRun(runDirectory, run, StaticReportLinks.forRunInExperiment(!run.logFiles().isEmpty())));
        }
        return written;
    }

    /** The run as part of the experiment, so its page links back to it. */
    private static RunReportData belongingTo(RunReportData data, ExperimentHeader experiment) {
        RunView r = data.run();
        if (r.experimentId() != null) {
            return data;
        }
        RunView run = new RunView(r.id(), r.state(), r.mode(), r.clockRates(), r.randomRange(), r.seed(), r.durationSeconds(),
                r.startedAt(), r.endedAt(), experiment.id(), experiment.name(), r.clock(), r.clockSkew(), r.notes());
        return new RunReportData(run, data.analysis(), data.events(), data.logFiles(), data.causality(), data.hybrid());
    }

    /** An id made safe as one directory name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    public static String directoryName(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe;
    }

    private static List<Path> writeRun(Path directory, RunReportData data, ReportLinks links) throws IOException {
        Files.createDirectories(directory);
        RunAnalysis analysis = data.analysis();
        VmColors colors = VmColors.forRun(analysis);
        SpaceTimeDiagram diagram = data.events().vms().isEmpty() || analysis.start() == null ? null
                : SpaceTimeSlices.opening(data.events(), analysis.start(), analysis.end(), analysis.events(), colors,
                        SpaceTimeDiagram.DEFAULT_CAP);
        if (diagram != null && data.causality() != null && analysis.events() <= EventVectors.MAX_RUN_EVENTS) {
            diagram = diagram.withVectors(EventVectors.of(CausalOrder.vmsOf(data.run().clockRates().keySet(), data.events()), data.events(),
                    diagram));
        }
        SpaceTimeWindow window = diagram == null ? null : diagram.defaultWindow();
        List<Path> written = new ArrayList<>();
        written.add(write(directory.resolve("index.html"), new RunReportPage(links).render(data.run(), analysis, data.causality(), null,
                data.hybrid(), diagram, window)));
        written.add(writeJson(directory.resolve("analysis.json"), analysis));
        if (data.causality() != null) {
            written.add(writeJson(directory.resolve("causality.json"), data.causality()));
            Path shiviz = directory.resolve("shiviz.log");
            try (Writer out = Files.newBufferedWriter(shiviz, StandardCharsets.UTF_8)) {
                ShivizLog.write(CausalOrder.vmsOf(data.run().clockRates().keySet(), data.events()), data.events(), out);
            }
            written.add(shiviz);
        }
        if (data.hybrid() != null && data.hybrid().analysed()) {
            written.add(writeJson(directory.resolve("hybrid.json"), data.hybrid()));
        }
        written.add(write(directory.resolve("stats.csv"), StatsCsv.run(analysis)));
        written.add(write(directory.resolve("clocks.svg"), RunPlot.CLOCKS.render(analysis, colors)));
        written.add(write(directory.resolve("drift.svg"), RunPlot.DRIFT.render(analysis, colors)));
        written.add(write(directory.resolve("queues.svg"), RunPlot.QUEUES.render(analysis, colors)));
        written.add(write(directory.resolve("jumps.svg"), JumpHistogramPlot.render(analysis.vms(), colors)));
        if (diagram != null) {
            written.add(write(directory.resolve("space-time.svg"), diagram.render(window, analysis.outages())));
        }
        if (!data.logFiles().isEmpty()) {
            Path zip = directory.resolve("logs.zip");
            try (OutputStream out = Files.newOutputStream(zip)) {
                LogsZip.write(data.logFiles(), out);
            }
            written.add(zip);
        }
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Path writeJson(Path file, Object value) throws IOException {
        ReportJson.mapper().writeValue(file.toFile(), value);
        return file;
    }
}
