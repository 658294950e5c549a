package io.clocklab.coordinator.experiment;

import io.clocklab.coordinator.run.RunArchive;
import io.clocklab.coordinator.run.RunService;
import io.clocklab.core.archive.Run;
import io.clocklab.core.archive.RunState;
import io.clocklab.core.model.RateAssignment;
import io.clocklab.core.run.RunMode;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a run in the deterministic simulator and files it like a live one: logs in the archive, the
 * run in the run list. Its events are in virtual time from {@link #VIRTUAL_START}, so the same
 * seed gives the same bytes whenever it is run.
 */
@Component
public class SimulatedRuns {

    static final Instant VIRTUAL_START = SimulationSpec.DEFAULT_START;

    private final RunArchive archive;
    private final RunService runs;
    private final InstantSource clock;

    public SimulatedRuns(RunArchive archive, RunService runs, InstantSource clock) {
        this.archive = archive;
        this.runs = runs;
        this.clock = clock;
    }

    /** @param names the simulated VMs, in their fixed order */
    public Run run(String runId, String experimentId, Variation variation, List<String> names, int durationSeconds,
                   long seed, Duration networkDelay) {
        Map<String, Integer> fixed = variation.clockRates() == null ? Map.of() : variation.clockRates();
        Map<String, Integer> rates = RateAssignment.assign(names, fixed, variation.clockRateMin(), variation.clockRateMax(),
                new SplittableRandom(seed));
        Instant ranAt = clock.instant();
        SimulationSpec spec = new SimulationSpec(runId, rates, variation.randomRange(), seed,
                Duration.ofSeconds(durationSeconds), NetworkDelay.fixed(networkDelay), VIRTUAL_START, variation.clock(), variation.clockSkew());
        // Straight to the files, event by event: a simulated hour is as long as a live one.
        try (RunArchive.LogWriter logs = archive.logWriter(runId, List.copyOf(rates.keySet()))) {
            Simulator.run(spec, logs::write);
            logs.commit();
        }
        // startAt is when the simulation ran, so the run list stays in the order things happened.
        Run run = new Run(runId, RunState.FINISHED, RunMode.SIMULATED, experimentId, rates, Collections.unmodifiableMap(new LinkedHashMap<>(fixed)),
                variation.clockRateMin(), variation.clockRateMax(), variation.randomRange(), durationSeconds, seed, names,
                ranAt, clock.instant(), true).withClocks(variation.clock(), variation.clockSkew());
        runs.record(run);
        return run;
    }
}
