package io.clocklab.coordinator.bench;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.run.RunArchive;
import io.clocklab.core.analysis.DeliverySummary;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunAnalyzer;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.DeliveryAccounting;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.run.RunMode;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import io.clocklab.report.RunReportData;
import io.clocklab.report.RunReportPage;
import io.clocklab.report.RunView;
import io.clocklab.report.SpaceTimeDiagram;
import io.clocklab.report.SpaceTimeSlices;
import io.clocklab.report.StaticReport;
import io.clocklab.report.VmColors;
import io.clocklab.report.WebReportLinks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The coordinator's pipeline on one simulated run of N events (3 VMs at 1,000 ticks/s), stage by
 * stage, with each stage's time and the heap's peak during it. Not a test: run it in a JVM with the
 * coordinator's production heap, {@code scripts/benchmark-pipeline.sh 100000 1000000 10000000}.
 * <ol>
 *   <li>simulate: the simulator writes the run's logs event by event (as a simulated experiment does);</li>
 *   <li>collect: each VM's log copied page by page into the archive (as from the VMs' {@code /log});</li>
 *   <li>account: delivery accounting of every message (what ends a run);</li>
 *   <li>check: the checker's verdict;</li>
 *   <li>analyse: statistics, series, verdict and accounting (what {@code /api/runs/{id}/analysis} serves);</li>
 *   <li>page: {@code /runs/{id}} with a space-time window in the middle of the run;</li>
 *   <li>report: the static report written to disk.</li>
 * </ol>
 */
public final class PipelineBenchmark {

    private static final int PAGE = 10_000;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        Path work = Files.createTempDirectory("clocklab-bench");
        try {
            run(events, work);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(long events, Path work) throws Exception {
        System.out.printf(Locale.ROOT, "events=%,d max-heap=%d MiB dir=%s%n", events, Runtime.getRuntime().maxMemory() >> 20, work);
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 1000);
        rates.put("vm2", 1000);
        rates.put("vm3", 1000);
        long seconds = Math.max(1, events / 3000);
        CoordinatorProperties properties = new CoordinatorProperties(3, null, Duration.ofMinutes(2), 1000, false, 1, 6, 10, Duration.ofMillis(500), Duration.ofSeconds(3),
                "bench-secret", work, Duration.ofSeconds(15), Duration.ofSeconds(3), null);
        RunArchive archive = new RunArchive(properties);
        SimulationSpec spec = new SimulationSpec("simulated", rates, 10, 42, Duration.ofSeconds(seconds),
                NetworkDelay.fixed(Duration.ofMillis(1)), SimulationSpec.DEFAULT_START);

        stage("simulate", () -> {
            try (RunArchive.LogWriter logs = archive.logWriter("simulated", List.copyOf(rates.keySet()))) {
                long n = Simulator.run(spec, logs::write);
                logs.commit();
                return n + " events, " + (size(archive.directory("simulated")) >> 20) + " MiB of logs";
            }
        });
        stage("collect", () -> {
            RunEvents source = open(archive.directory("simulated"));
            long total = 0;
            for (String vm : source.vms()) {
                try (EventCursor cursor = source.open(vm)) {
                    total += archive.writeLog("run", vm, from -> page(cursor));
                }
            }
            return total + " events into the archive";
        });
        RunData data = new RunData("run", rates, 10, true, open(archive.directory("run")), List.of(), null);
        stage("account", () -> {
            DeliverySummary summary = DeliverySummary.of(DeliveryAccounting.account(data));
            return summary.addressed() + " pairs, " + summary.received() + " received, " + summary.lost() + " lost";
        });
        stage("check", () -> {
            CheckReport report = RunChecker.check(data);
            return report.eventsChecked() + " events, passed=" + report.passed();
        });
        RunAnalysis[] analysis = new RunAnalysis[1];
        stage("analyse", () -> {
            analysis[0] = RunAnalyzer.analyze(data);
            return analysis[0].events() + " events, " + analysis[0].vms().size() + " VMs";
        });
        RunView view = new RunView("run", "FINISHED", RunMode.SIMULATED, rates, 10, 42L, (int) seconds, analysis[0].start(),
                analysis[0].end(), null, null);
        stage("page", () -> {
            VmColors colors = VmColors.forRun(analysis[0]);
            double middle = analysis[0].durationSeconds() / 2;
            io.clocklab.report.SpaceTimeWindow window = io.clocklab.report.SpaceTimeWindow.of(middle, middle + 1);
            SpaceTimeDiagram diagram = SpaceTimeSlices.fromFiles(archive.logFiles("run"), analysis[0].start(), colors,
                    SpaceTimeDiagram.DEFAULT_CAP, window);
            String html = new RunReportPage(new WebReportLinks("")).render(view, analysis[0], diagram, window);
            return html.length() / 1024 + " KiB of HTML";
        });
        stage("report", () -> {
            List<Path> written = StaticReport.writeRun(work.resolve("report"),
                    new RunReportData(view, analysis[0], data.events(), archive.logFiles("run")));
            return written.size() + " files";
        });
    }

    private static RunEvents open(Path folder) {
        try {
            return EventLogFiles.open(List.of(folder));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Event> page(EventCursor cursor) {
        List<Event> page = new ArrayList<>(PAGE);
        for (Event event = cursor.next(); event != null; event = page.size() < PAGE ? cursor.next() : null) {
            page.add(event);
        }
        return page;
    }

    private static long size(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @FunctionalInterface
    private interface Stage {
        String run() throws Exception;
    }

    private static void stage(String name, Stage stage) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        String result = stage.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "%-9s %8.1f s   peak heap %4d MiB   %s%n", name, millis / 1000.0, peak >> 20, result);
    }
}
