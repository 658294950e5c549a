package io.clocklab.coordinator.experiment;

/**
 * How far an experiment has got.
 *
 * @param currentRun      the run under way, or null
 * @param timeLeftSeconds an estimate from the runs still to go and the current run's end; 0 once ended
 */
public record ExperimentProgress(int runsDone, int runsTotal, String currentRun, String currentVariation,
                                 double timeLeftSeconds) {
}
