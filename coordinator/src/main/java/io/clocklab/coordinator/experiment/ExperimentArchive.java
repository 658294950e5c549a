package io.clocklab.coordinator.experiment;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.experiment.Experiment;
import io.clocklab.coordinator.store.ArchiveFolders;
import io.clocklab.core.control.Names;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** The experiments in the data directory: {@code experiments/<id>/experiment.json}. */
@Component
public class ExperimentArchive {

    private static final String FILE = "experiment.json";

    private final Path root;

    public ExperimentArchive(CoordinatorProperties properties) {
        this.root = properties.dataDir().resolve("experiments");
    }

    public void save(Experiment experiment) {
        ArchiveFolders.save(root, Names.requireValid("experiment id", experiment.id()), FILE, experiment);
    }

    /** Every readable experiment, oldest first. */
    public List<Experiment> loadAll() {
        List<Experiment> experiments = ArchiveFolders.loadAll(root, FILE, Experiment.class);
        experiments.sort(Comparator.comparing(Experiment::createdAt).thenComparing(Experiment::id));
        return experiments;
    }
}
