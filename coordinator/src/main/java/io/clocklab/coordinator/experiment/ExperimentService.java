package io.clocklab.coordinator.experiment;

import io.clocklab.coordinator.cluster.ExpectedVms;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.run.ClusterNotReadyException;
import io.clocklab.coordinator.run.InvalidRequestException;
import io.clocklab.coordinator.run.RunRequest;
import io.clocklab.coordinator.run.RunService;
import io.clocklab.coordinator.store.DataDiskSpace;
import io.clocklab.coordinator.store.InsufficientStorageException;
import io.clocklab.coordinator.store.TimedIds;
import io.clocklab.core.archive.Run;
import io.clocklab.core.archive.RunState;
import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.run.RunMode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Runs experiments, one at a time, on a worker thread of their own: every variation {@code runs}
 * times, run after run. Run i of every variation gets the same seed, so variations are compared on
 * the same rolls (common random numbers) and differ only by what the variation changes.
 */
@Service
public class ExperimentService implements DisposableBean {

    static final int DEFAULT_RUNS = 5;
    static final int DEFAULT_DURATION_SECONDS = 60;
    static final int MAX_RUNS = 100;
    static final int MAX_DURATION_SECONDS = 3600;
    /**
     * The most events an experiment may log, counting every VM at its highest possible rate: ten
     * times the 1-hour, 3-VM, 1,000 ticks/s run, about 15 GB of logs in the data directory.
     */
    static final long MAX_EVENTS = 100_000_000L;
    static final double DEFAULT_NETWORK_DELAY_MILLIS = 1.0;
    /** Set-up, start lead and log collection around each live run, for the time-left estimate. */
    static final double LIVE_OVERHEAD_SECONDS = 2.0;

    private static final Logger log = LoggerFactory.getLogger(ExperimentService.class);

    private final ExperimentArchive archive;
    private final RunService runs;
    private final SimulatedRuns simulator;
    private final VmRegistry registry;
    private final ExpectedVms expected;
    private final CoordinatorProperties properties;
    private final DataDiskSpace disk;
    private final Validator validator;
    private final InstantSource clock;
    private final RandomGenerator seedSource;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "experiment");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Experiment> experiments = new LinkedHashMap<>();

    public ExperimentService(ExperimentArchive archive, RunService runs, SimulatedRuns simulator, VmRegistry registry,
                             ExpectedVms expected, CoordinatorProperties properties, DataDiskSpace disk, Validator validator, InstantSource clock,
                             RandomGenerator seedSource) {
        this.archive = archive;
        this.validator = validator;
        this.runs = runs;
        this.simulator = simulator;
        this.registry = registry;
        this.expected = expected;
        this.properties = properties;
        this.disk = disk;
        this.clock = clock;
        this.seedSource = seedSource;
        for (Experiment experiment : archive.loadAll()) {
            if (experiment.isRunning()) {
                experiment = experiment.ended(ExperimentState.INTERRUPTED, null, "the coordinator stopped while it ran; "
                        + experiment.runsDone() + " of " + experiment.runs().size() + " runs had finished and are kept");
                archive.save(experiment);
            }
            experiments.put(experiment.id(), experiment);
        }
    }

    /**
     * Checks the request whole, files the experiment and starts it in the background.
     *
     * @throws InvalidRequestException listing every problem
     * @throws ExperimentConflictException while another experiment runs
     * @throws ClusterNotReadyException    a live experiment with VMs missing
     * @throws InsufficientStorageException its logs could fill the data directory's disk
     */
    public synchronized ExperimentView submit(ExperimentRequest request) {
        if (request == null) {
            throw new InvalidRequestException("experiment", List.of("a JSON body is required, with at least a name"));
        }
        List<String> problems = new ArrayList<>();
        RunMode mode = RunMode.LIVE;
        if (request.mode() != null) {
            try {
                mode = RunMode.parse(request.mode());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        validator.validate(request).stream().map(ConstraintViolation::getMessage).distinct().sorted().forEach(problems::add);
        String name = request.name() == null ? "" : request.name().strip();
        int runsPerVariation = request.runs() != null ? request.runs() : DEFAULT_RUNS;
        int duration = request.durationSeconds() != null ? request.durationSeconds() : DEFAULT_DURATION_SECONDS;
        Double delay = request.networkDelayMillis();
        if (delay != null && mode == RunMode.LIVE) {
            problems.add("networkDelayMillis applies to simulated experiments only; a live network has its own delay");
        }
        List<String> names = vmNames(mode);
        List<Variation> variations = resolve(request.variations(), names, problems);
        if (problems.isEmpty()) {
            long events = mostEvents(variations, names, runsPerVariation, duration);
            if (events > MAX_EVENTS) {
                problems.add("this experiment could log up to %,d events (about %,d MB of logs; every VM at its highest rate), at most %,d per experiment: fewer runs, variations, seconds or ticks per second"
                        .formatted(events, events * EventLogFiles.BYTES_PER_EVENT / 1_000_000, MAX_EVENTS));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("experiment", problems);
        }
        disk.requireRoomFor(mostEvents(variations, names, runsPerVariation, duration), "this experiment");
        Optional<Experiment> running = experiments.values().stream().filter(Experiment::isRunning).findFirst();
        if (running.isPresent()) {
            throw new ExperimentConflictException("experiment " + running.get().id() + " is still running ("
                    + running.get().runsDone() + " of " + running.get().runs().size() + " runs done); one experiment at a time");
        }
        if (mode == RunMode.LIVE && registry.alive().size() < expected.count()) {
            throw new ClusterNotReadyException("a live experiment needs all " + expected.describe() + " VMs; "
                    + registry.alive().size() + " registered and up");
        }

        long seed = request.seed() != null ? request.seed() : seedSource.nextLong();
        String id = "exp-" + TimedIds.next(clock, seedSource);
        List<ExperimentRun> planned = new ArrayList<>();
        for (Variation variation : variations) {
            IntStream.range(0, runsPerVariation).forEach(i ->
                    planned.add(new ExperimentRun(variation.label(), i, Seeds.forMachine(seed, "run-" + i), null, false)));
        }
        Experiment experiment = new Experiment(id, name, mode, ExperimentState.RUNNING, runsPerVariation, duration, seed,
                mode == RunMode.SIMULATED ? (delay != null ? delay : DEFAULT_NETWORK_DELAY_MILLIS) : null, variations,
                planned, clock.instant(), null, null);
        if (mode == RunMode.LIVE) {
            runs.reserve(id);
        }
        save(experiment);
        worker.execute(() -> execute(id));
        log.info("experiment {} '{}' started: {} mode, {} variations x {} runs x {} s, seed {}", id, name,
                mode.json(), variations.size(), runsPerVariation, duration, seed);
        return view(experiment);
    }

    public synchronized Optional<ExperimentView> find(String id) {
        return Optional.ofNullable(experiments.get(id)).map(this::view);
    }

    public synchronized List<ExperimentView> all() {
        return experiments.values().stream().map(this::view).toList();
    }

    /** The events of every run if each VM ticks at the highest rate it may get. */
    private static long mostEvents(List<Variation> variations, List<String> names, int runsPerVariation, int duration) {
        long total = 0;
        for (Variation variation : variations) {
            long perSecond = 0;
            for (String vm : names) {
                Integer fixed = variation.clockRates() == null ? null : variation.clockRates().get(vm);
                perSecond += fixed != null ? fixed : variation.clockRateMax();
            }
            total += perSecond * duration * runsPerVariation;
        }
        return total;
    }

    private List<String> vmNames(RunMode mode) {
        if (mode == RunMode.LIVE) {
            return registry.names();
        }
        return IntStream.rangeClosed(1, Math.max(2, expected.count())).mapToObj(i -> "vm" + i).toList();
    }

    private List<Variation> resolve(List<VariationRequest> requested, List<String> names, List<String> problems) {
        List<VariationRequest> asked = requested == null || requested.isEmpty()
                ? List.of(new VariationRequest("default", null, null, null, null)) : requested;
        List<Variation> variations = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            VariationRequest v = asked.get(i);
            if (v == null) {
                problems.add("variations[" + i + "] is empty");
                continue;
            }
            String label = v.label() == null ? "" : v.label().strip();
            String where = "variation '" + label + "': ";
            if (label.isEmpty() || label.length() > 100) {
                problems.add("variations[" + i + "] needs a label of 1 to 100 characters");
                where = "variations[" + i + "]: ";
            } else if (!labels.add(label)) {
                problems.add("variation label '" + label + "' is used twice");
            }
            RunRequest asRun = new RunRequest(v.clockRates(), v.clockRateMin(), v.clockRateMax(), v.randomRange(), null, null,
                    v.clock(), v.clockSkew());
            List<String> found = runs.problems(asRun, names);
            for (String problem : found) {
                problems.add(where + problem);
            }
            RunRequest resolved = asRun.withDefaults(properties);
            // a variation with a problem is never run (the experiment is refused), so its clock may stay unread
            variations.add(new Variation(label, Collections.unmodifiableMap(new LinkedHashMap<>(resolved.fixedRates())),
                    resolved.clockRateMin(), resolved.clockRateMax(), resolved.randomRange(),
                    found.isEmpty() ? asRun.clockKind() : null, found.isEmpty() ? asRun.skews() : null));
        }
        return variations;
    }

    private void execute(String id) {
        Experiment experiment = get(id);
        try {
            List<String> names = vmNames(experiment.mode());
            for (int position = 0; position < experiment.runs().size(); position++) {
                ExperimentRun planned = get(id).runs().get(position);
                Variation variation = experiment.variations().stream()
                        .filter(v -> v.label().equals(planned.variation())).findFirst().orElseThrow();
                String runId = id + "-v" + (experiment.variations().indexOf(variation) + 1) + "-r" + (planned.index() + 1);
                if (experiment.mode() == RunMode.SIMULATED) {
                    update(id, position, planned.started(runId));
                    simulator.run(runId, id, variation, names, experiment.durationSeconds(), planned.seed(),
                            Duration.ofNanos(Math.round(experiment.networkDelayMillis() * 1_000_000)));
                } else {
                    runLive(experiment, runId, variation, planned.seed());
                    update(id, position, planned.started(runId));
                    Run ended = runs.ending(runId).get(experiment.durationSeconds() + 120L, TimeUnit.SECONDS);
                    if (ended.state() != RunState.FINISHED || !ended.logsCollected()) {
                        throw new IllegalStateException("run " + runId + " ended " + ended.state().name().toLowerCase()
                                + (ended.logsCollected() ? "" : " and its logs could not be collected"));
                    }
                }
                update(id, position, get(id).runs().get(position).finished());
            }
            end(id, ExperimentState.FINISHED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(id, ExperimentState.INTERRUPTED, "the coordinator is shutting down");
        } catch (Exception e) {
            log.warn("experiment {} failed", id, e);
            end(id, ExperimentState.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            runs.release(id);
        }
    }

    private void runLive(Experiment experiment, String runId, Variation variation, long seed) {
        runs.startFor(experiment.id(), runId, variation.toRunRequest(experiment.durationSeconds(), seed));
    }

    private synchronized Experiment get(String id) {
        return experiments.get(id);
    }

    private synchronized void update(String id, int position, ExperimentRun run) {
        save(experiments.get(id).withRun(position, run));
    }

    private synchronized void end(String id, ExperimentState how, String why) {
        save(experiments.get(id).ended(how, clock.instant(), why));
        log.info("experiment {} {}{}", id, how.name().toLowerCase(), why == null ? "" : ": " + why);
    }

    private void save(Experiment experiment) {
        archive.save(experiment);
        experiments.put(experiment.id(), experiment);
    }

    private ExperimentView view(Experiment experiment) {
        int total = experiment.runs().size();
        int done = experiment.runsDone();
        ExperimentRun current = experiment.isRunning()
                ? experiment.runs().stream().filter(run -> !run.done()).findFirst().orElse(null) : null;
        double left = 0;
        if (experiment.isRunning() && experiment.mode() == RunMode.LIVE) {
            double perRun = experiment.durationSeconds() + LIVE_OVERHEAD_SECONDS;
            left = (total - done) * perRun;
            Run run = current == null || current.runId() == null ? null : runs.find(current.runId()).orElse(null);
            if (run != null && run.startAt() != null) {
                double elapsed = Duration.between(run.startAt(), clock.instant()).toMillis() / 1000.0;
                left -= Math.min(Math.max(elapsed, 0), experiment.durationSeconds());
            }
        }
        return new ExperimentView(experiment, new ExperimentProgress(done, total,
                current == null ? null : current.runId(), current == null ? null : current.variation(), left));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
