package io.clocklab.coordinator.store;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.experiment.Experiment;
import io.clocklab.core.control.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The experiments in the data directory: {@code experiments/<id>/experiment.json}. */
@Component
public class ExperimentArchive {

    private static final Logger log = LoggerFactory.getLogger(ExperimentArchive.class);
    private static final String FILE = "experiment.json";

    private final Path root;

    public ExperimentArchive(CoordinatorProperties properties) {
        this.root = properties.dataDir().resolve("experiments");
    }

    public void save(Experiment experiment) {
        Path file = root.resolve(Names.requireValid("experiment id", experiment.id())).resolve(FILE);
        try {
            AtomicFiles.write(file, ArchiveJson.MAPPER.writeValueAsBytes(experiment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save experiment " + experiment.id() + " in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Every readable experiment, oldest first; one that cannot be read is skipped and logged, never deleted. */
    public List<Experiment> loadAll() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Experiment> experiments = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve(FILE);
                if (Files.isRegularFile(file)) {
                    try {
                        experiments.add(ArchiveJson.MAPPER.readValue(file.toFile(), Experiment.class));
                    } catch (IOException e) {
                        log.warn("skipping {}: {}", file, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        experiments.sort(Comparator.comparing(Experiment::createdAt).thenComparing(Experiment::id));
        return experiments;
    }
}
