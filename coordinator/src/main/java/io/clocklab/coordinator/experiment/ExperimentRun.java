package io.clocklab.coordinator.experiment;

/**
 * One planned run of an experiment.
 *
 * @param index  0-based within its variation; run i of every variation uses the same seed
 * @param runId  the run's id once it has started, else null
 * @param done   true once the run has ended and its logs are in the data directory
 */
public record ExperimentRun(String variation, int index, long seed, String runId, boolean done) {

    ExperimentRun started(String id) {
        return new ExperimentRun(variation, index, seed, id, false);
    }

    ExperimentRun finished() {
        return new ExperimentRun(variation, index, seed, runId, true);
    }
}
