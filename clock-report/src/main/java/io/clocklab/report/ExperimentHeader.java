package io.clocklab.report;

import io.clocklab.core.run.RunMode;

import java.time.Instant;
import java.util.Objects;

/**
 * The head of an experiment's report: what it shows about the experiment itself, apart from its
 * analysis (the API's view of an experiment is {@code experiment.ExperimentView}).
 *
 * @param status     e.g. RUNNING, FINISHED (free text, shown as given)
 * @param runsDone   runs finished so far
 * @param runsTotal  runs planned
 * @param finishedAt null while running
 */
public record ExperimentHeader(String id, String name, RunMode mode, String status, int runsDone, int runsTotal,
                             Instant startedAt, Instant finishedAt) {

    public ExperimentHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
    }
}
