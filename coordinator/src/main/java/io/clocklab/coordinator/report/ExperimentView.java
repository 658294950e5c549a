package io.clocklab.coordinator.report;

import io.clocklab.coordinator.run.RunMode;
import java.time.Instant;
import java.util.Objects;

/**
 * What an experiment report shows about the experiment itself, apart from its analysis.
 *
 * @param status     e.g. RUNNING, FINISHED (free text, shown as given)
 * @param runsDone   runs finished so far
 * @param runsTotal  runs planned
 * @param finishedAt null while running
 */
public record ExperimentView(String id, String name, RunMode mode, String status, int runsDone, int runsTotal,
                             Instant startedAt, Instant finishedAt) {

    public ExperimentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
    }
}
