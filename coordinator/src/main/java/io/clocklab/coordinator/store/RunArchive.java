package io.clocklab.coordinator.store;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.run.Run;
import io.clocklab.core.control.Names;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs in the data directory, one folder each: {@code runs/<id>/run.json} and one
 * {@code <vm>.jsonl} per VM, in the very format the VMs write, so a run folder can be copied out
 * and read by the CLI like any folder under {@code ./logs/}.
 */
@Component
public class RunArchive {

    private static final Logger log = LoggerFactory.getLogger(RunArchive.class);
    static final String RUN_FILE = "run.json";

    private final Path root;

    public RunArchive(CoordinatorProperties properties) {
        this.root = properties.dataDir().resolve("runs");
    }

    public Path directory(String runId) {
        return root.resolve(Names.requireValid("run id", runId));
    }

    public void save(Run run) {
        try {
            AtomicFiles.write(directory(run.id()).resolve(RUN_FILE), ArchiveJson.MAPPER.writeValueAsBytes(run));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save run " + run.id() + " in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Every readable run, oldest first. A folder that cannot be read is skipped and logged, never deleted. */
    public List<Run> loadAll() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve(RUN_FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    runs.add(ArchiveJson.MAPPER.readValue(file.toFile(), Run.class));
                } catch (IOException e) {
                    log.warn("skipping {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(Run::startAt, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Run::id));
        return runs;
    }

    /** Writes each VM's events as {@code <vm>.jsonl}, replacing what was there. */
    public void writeLogs(String runId, Map<String, List<Event>> eventsByVm) {
        Path folder = directory(runId);
        for (var entry : eventsByVm.entrySet()) {
            StringBuilder lines = new StringBuilder();
            for (Event event : entry.getValue()) {
                lines.append(EventJson.toLine(event)).append('\n');
            }
            Path file = folder.resolve(Names.requireValid("VM name", entry.getKey()) + ".jsonl");
            try {
                AtomicFiles.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The run's log files by VM name, in name order. */
    public Map<String, Path> logFiles(String runId) {
        Path folder = directory(runId);
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
