package io.clocklab.coordinator.run;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.store.ArchiveFolders;
import io.clocklab.coordinator.store.AtomicFiles;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.archive.ArchiveJson;
import io.clocklab.core.archive.Run;
import io.clocklab.core.control.Names;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.log.RunLogs;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.RunData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs in the data directory, one folder each: {@code runs/<id>/run.json} and one
 * {@code <vm>.jsonl} per VM, in the very format the VMs write, so a run folder can be copied out
 * and read by the CLI like any folder under {@code ./logs/}.
 */
@Component
public class RunArchive {

    static final String RUN_FILE = Run.FILE;
    static final String ANALYSIS_FILE = "analysis.json";

    private static final Logger log = LoggerFactory.getLogger(RunArchive.class);

    private final Path root;

    public RunArchive(CoordinatorProperties properties) {
        this.root = properties.dataDir().resolve("runs");
    }

    public Path directory(String runId) {
        return root.resolve(Names.requireValid("run id", runId));
    }

    /** Where the logs of a run still under way are copied for its live analysis ({@code <data-dir>/live/<id>}). */
    public Path liveDirectory(String runId) {
        return root.resolveSibling("live").resolve(Names.requireValid("run id", runId));
    }

    public void save(Run run) {
        ArchiveFolders.save(root, Names.requireValid("run id", run.id()), RUN_FILE, run);
    }

    /** What {@value #ANALYSIS_FILE} holds: the analysis, the run as it was when analysed, and the limits it was made with. */
    record SavedAnalysis(Run run, Limits limits, RunAnalysis analysis) {
    }

    /** The limits that shape an analysis (where spills went does not). */
    record Limits(int sortChunk, int shownPerList, int jumpSample) {
        static Limits of(AnalysisLimits limits) {
            return new Limits(limits.sortChunk(), limits.shownPerList(), limits.jumpSample());
        }
    }

    /** Keeps an ended run's analysis beside its logs, so a restarted coordinator need not read a long run again. */
    public void saveAnalysis(Run run, AnalysisLimits limits, RunAnalysis analysis) {
        ArchiveFolders.save(root, Names.requireValid("run id", run.id()), ANALYSIS_FILE, new SavedAnalysis(run, Limits.of(limits), analysis));
    }

    /** Whether an analysis was kept for this run at all (a file check; whether it still fits is {@link #savedAnalysis}'s to say). */
    public boolean hasSavedAnalysis(String runId) {
        return Files.isRegularFile(directory(runId).resolve(ANALYSIS_FILE));
    }

    /**
     * The analysis saved for this very run (the same record, so one collected again is analysed
     * again) with these limits; empty when there is none, or it is for an older state of the run or
     * other limits, or it cannot be read (it is then made again).
     */
    public Optional<RunAnalysis> savedAnalysis(Run run, AnalysisLimits limits) {
        Path file = directory(run.id()).resolve(ANALYSIS_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            SavedAnalysis saved = ArchiveJson.MAPPER.readValue(file.toFile(), SavedAnalysis.class);
            return run.equals(saved.run()) && Limits.of(limits).equals(saved.limits()) ? Optional.ofNullable(saved.analysis()) : Optional.empty();
        } catch (IOException e) {
            log.warn("analysing run {} again: {} cannot be read: {}", run.id(), file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every readable run, oldest first. */
    public List<Run> loadAll() {
        List<Run> runs = ArchiveFolders.loadAll(root, RUN_FILE, Run.class);
        runs.sort(Comparator.comparing(Run::startAt, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Run::id));
        return runs;
    }

    /**
     * Writes events as they come, each to its VM's {@code <vm>.jsonl}; the files replace what was
     * there only when {@link LogWriter#commit()} is called, and closing without it leaves the old ones.
     * Memory holds a write buffer per VM, whatever the run's length.
     */
    public LogWriter logWriter(String runId, List<String> vms) {
        Path folder = directory(runId);
        Map<String, AtomicFiles.Pending> files = new LinkedHashMap<>();
        try {
            for (String vm : vms) {
                files.put(vm, AtomicFiles.open(folder.resolve(Names.requireValid("VM name", vm) + ".jsonl")));
            }
        } catch (IOException e) {
            new LogWriter(files).close();
            throw new UncheckedIOException("cannot write the logs of " + runId + ": " + e.getMessage(), e);
        }
        return new LogWriter(files);
    }

    /** Each VM's log file being written; see {@link #logWriter}. */
    public static final class LogWriter implements AutoCloseable {
        private final Map<String, AtomicFiles.Pending> files;

        private LogWriter(Map<String, AtomicFiles.Pending> files) {
            this.files = files;
        }

        /** @throws IllegalArgumentException for an event of a VM this writer was not opened for */
        public void write(Event event) {
            AtomicFiles.Pending file = files.get(event.vm());
            if (file == null) {
                throw new IllegalArgumentException("no log file open for " + event.vm());
            }
            try {
                file.out().write((EventJson.toLine(event) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the log of " + event.vm() + ": " + e.getMessage(), e);
            }
        }

        public void commit() {
            try {
                for (AtomicFiles.Pending file : files.values()) {
                    file.commit();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the logs: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            for (AtomicFiles.Pending file : files.values()) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /**
     * Writes one VM's log page by page as {@code <vm>.jsonl}, replacing what was there only once
     * every page is written: memory holds one page, whatever the run's length.
     *
     * @param pages gives the events from a seq on (at most one page); an empty page ends the log
     * @return the number of events written
     */
    public long writeLog(String runId, String vm, LogPages pages) {
        Path file = directory(runId).resolve(Names.requireValid("VM name", vm) + ".jsonl");
        try (AtomicFiles.Pending pending = AtomicFiles.open(file)) {
            long written = 0;
            for (List<Event> page = pages.from(1); !page.isEmpty(); page = pages.from(written + 1)) {
                pending.out().write(EventLogFiles.jsonLines(page).getBytes(StandardCharsets.UTF_8));
                written += page.size();
            }
            pending.commit();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A run's collected logs with its outages and end state, as it has ended (for the delivery
     * accounting, before or after run.json says so). The events stay on disk and are streamed.
     */
    public RunData runData(Run run) {
        try {
            RunData logs = RunLogs.load(List.of(directory(run.id())));
            return new RunData(run.id(), run.clockRates(), run.randomRange(), true, logs.events(), run.outages(), run.endState(),
                    run.clockSkew());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the logs of run " + run.id() + ": " + e.getMessage(), e);
        }
    }

    /** A source of one VM's events, a page at a time. */
    @FunctionalInterface
    public interface LogPages {
        /** The events with seq from {@code from} on, at most one page; empty past the end. */
        List<Event> from(long from);
    }

    /** The run's log files by VM name, in name order. */
    public Map<String, Path> logFiles(String runId) {
        return jsonLines(directory(runId));
    }

    /** The copies of a live run's log files ({@link #liveDirectory}) by VM name, in name order. */
    public Map<String, Path> liveLogFiles(String runId) {
        return jsonLines(liveDirectory(runId));
    }

    private static Map<String, Path> jsonLines(Path folder) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(path -> path.getFileName().toString().endsWith(".jsonl")).sorted()
                    .forEach(path -> files.put(path.getFileName().toString().replaceFirst("\\.jsonl$", ""), path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return files;
    }
}
