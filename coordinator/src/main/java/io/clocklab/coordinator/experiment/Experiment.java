package io.clocklab.coordinator.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clocklab.core.run.RunMode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment and how far it has got; also its {@code experiment.json} in the data directory.
 *
 * @param runs       every planned run, variation by variation, in the order they run
 * @param error      why it failed or was interrupted, else null
 */
public record Experiment(String id, String name, RunMode mode, ExperimentState state, int runsPerVariation,
                         int durationSeconds, long seed, Double networkDelayMillis, List<Variation> variations,
                         List<ExperimentRun> runs, Instant createdAt, Instant finishedAt, String error) {

    public Experiment {
        variations = List.copyOf(variations);
        runs = List.copyOf(runs);
    }

    public int runsDone() {
        return (int) runs.stream().filter(ExperimentRun::done).count();
    }

    @JsonIgnore // a convenience, not a field: state says it
    public boolean isRunning() {
        return state == ExperimentState.RUNNING;
    }

    Experiment withRun(int position, ExperimentRun run) {
        List<ExperimentRun> updated = new ArrayList<>(runs);
        updated.set(position, run);
        return new Experiment(id, name, mode, state, runsPerVariation, durationSeconds, seed, networkDelayMillis, variations,
                updated, createdAt, finishedAt, error);
    }

    Experiment ended(ExperimentState how, Instant at, String why) {
        return new Experiment(id, name, mode, how, runsPerVariation, durationSeconds, seed, networkDelayMillis, variations,
                runs, createdAt, at, why);
    }
}
