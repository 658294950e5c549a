package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.store.RunArchive;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import io.clocklab.core.control.Names;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.model.RateAssignment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Starts and ends runs. A start is all or nothing towards the caller: the request is checked
 * before anything changes; then the current run ends, every VM is set up, and only then are all
 * started at one common instant.
 */
@Service
public class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final VmRegistry registry;
    private final VmControlClient vms;
    private final CoordinatorProperties properties;
    private final RandomGenerator seedSource;
    private final InstantSource clock;
    private final TaskScheduler scheduler;
    private final Counter runsStarted;
    private final RunArchive archive;
    private final LogCollector collector;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Run>> endings = new HashMap<>();
    private volatile Run current;
    private String reservedFor;

    public RunService(VmRegistry registry, VmControlClient vms, CoordinatorProperties properties, RandomGenerator seedSource,
                      InstantSource clock, TaskScheduler scheduler, MeterRegistry meters, RunArchive archive,
                      LogCollector collector) {
        this.registry = registry;
        this.vms = vms;
        this.properties = properties;
        this.seedSource = seedSource;
        this.clock = clock;
        this.scheduler = scheduler;
        this.archive = archive;
        this.collector = collector;
        this.runsStarted = Counter.builder("coordinator.runs.started").description("Runs started").register(meters);
        for (Run run : archive.loadAll()) {
            if (run.isRunning()) {
                // The coordinator went away mid-run: nobody collected the logs, the VMs may be elsewhere by now.
                run = run.ended(RunState.STOPPED, null);
                archive.save(run);
                log.info("run {} was still running when the coordinator stopped; marked stopped", run.id());
            }
            runs.put(run.id(), run);
        }
    }

    /**
     * Starts a run on the user's behalf.
     *
     * @throws ExperimentRunningException while a live experiment owns the cluster
     */
    public synchronized Run start(RunRequest request) {
        if (reservedFor != null) {
            throw new ExperimentRunningException("experiment " + reservedFor + " is running live; its runs own the cluster until it ends");
        }
        return startRun(request, null, newRunId());
    }

    /** Starts a run of a live experiment that has {@link #reserve reserved} the cluster. */
    public synchronized Run startFor(String experimentId, String runId, RunRequest request) {
        if (!experimentId.equals(reservedFor)) {
            throw new IllegalStateException("the cluster is reserved for " + reservedFor + ", not " + experimentId);
        }
        return startRun(request, experimentId, Names.requireValid("run id", runId));
    }

    /** Keeps users' runs off the cluster while a live experiment runs. */
    public synchronized void reserve(String experimentId) {
        if (reservedFor != null && !reservedFor.equals(experimentId)) {
            throw new ExperimentRunningException("experiment " + reservedFor + " is running live");
        }
        reservedFor = experimentId;
    }

    public synchronized void release(String experimentId) {
        if (experimentId.equals(reservedFor)) {
            reservedFor = null;
        }
    }

    /** Files a run made elsewhere (the simulator), whose logs are already in the archive. */
    public synchronized void record(Run run) {
        archive.save(run);
        runs.put(run.id(), run);
    }

    /** Completes once the run has ended and its logs are collected (or their collection failed). */
    public synchronized CompletableFuture<Run> ending(String runId) {
        Run run = runs.get(runId);
        if (run != null && !run.isRunning()) {
            return CompletableFuture.completedFuture(run);
        }
        return endings.computeIfAbsent(runId, id -> new CompletableFuture<>());
    }

    /** A fresh run id: the start time and a random suffix. */
    private String newRunId() {
        return ID_TIME.format(clock.instant()) + "-" + String.format("%04x", seedSource.nextInt(0x10000));
    }

    private Run startRun(RunRequest request, String experimentId, String id) {
        List<RegisteredVm> cluster = registry.all();
        List<String> names = cluster.stream().map(RegisteredVm::name).toList();
        if (cluster.size() < properties.expectedVms()) {
            throw new ClusterNotReadyException("waiting for VMs: " + cluster.size() + " of " + properties.expectedVms()
                    + " registered" + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")"));
        }
        List<String> problems = problems(request, names);
        if (!problems.isEmpty()) {
            throw new InvalidRunException(problems);
        }
        RunRequest resolved = request.withDefaults(properties);
        int min = resolved.clockRateMin();
        int max = resolved.clockRateMax();
        int randomRange = resolved.randomRange();
        Integer duration = resolved.durationSeconds();

        if (runs.containsKey(id)) {
            throw new IllegalStateException("run " + id + " exists already");
        }
        long seed = request.seed() != null ? request.seed() : seedSource.nextLong();
        Map<String, Integer> rates = RateAssignment.assign(names, request.fixedRates(), min, max, new SplittableRandom(seed));

        endCurrent(RunState.STOPPED);
        for (RegisteredVm vm : cluster) {
            List<Peer> peers = cluster.stream().filter(other -> !other.name().equals(vm.name()))
                    .map(other -> new Peer(other.name(), other.tcpAddress())).toList();
            vms.setUp(vm, new RunSetup(id, peers, rates.get(vm.name()), randomRange, seed));
        }
        Instant startAt = clock.instant().plus(properties.startLead());
        for (RegisteredVm vm : cluster) {
            vms.start(vm, new RunStart(id, startAt, duration));
        }

        Run run = new Run(id, RunState.RUNNING, RunMode.LIVE, experimentId, rates, Collections.unmodifiableMap(new LinkedHashMap<>(request.fixedRates())), min, max,
                randomRange, duration, seed, names, startAt, null, false);
        archive.save(run);
        runs.put(id, run);
        current = run;
        runsStarted.increment();
        if (duration != null) {
            // The VMs stop themselves at startAt + duration, to the tick; this only records it.
            scheduler.schedule(() -> finish(id), startAt.plusSeconds(duration).plusMillis(250));
        }
        log.info("run {} started at {}: rates {}, randomRange {}, seed {}{}", id, startAt, rates, randomRange, seed,
                duration == null ? "" : ", " + duration + " s");
        return run;
    }

    /** Everything wrong with a request for a cluster of these VMs; empty when it can start. */
    public List<String> problems(RunRequest request, List<String> names) {
        RunRequest resolved = request.withDefaults(properties);
        List<String> problems = new ArrayList<>(RateAssignment.problems(names, resolved.fixedRates(),
                resolved.clockRateMin(), resolved.clockRateMax()));
        if (resolved.randomRange() < 1) {
            problems.add("randomRange must be at least 1, got " + resolved.randomRange());
        }
        if (resolved.durationSeconds() != null && resolved.durationSeconds() < 1) {
            problems.add("durationSeconds must be at least 1, got " + resolved.durationSeconds());
        }
        return problems;
    }

    synchronized void finish(String id) {
        Run run = current;
        if (run != null && run.id().equals(id) && run.state() == RunState.RUNNING) {
            endCurrent(RunState.FINISHED);
        }
    }

    /**
     * Ends the current run as {@code how}, tells every VM, and collects their logs into the data
     * directory before anything else can replace them. A VM that does not answer is only logged:
     * its own file under the log folder still has every event.
     */
    private void endCurrent(RunState how) {
        Run run = current;
        if (run == null || run.state() != RunState.RUNNING) {
            return;
        }
        Run ended = run.ended(how, clock.instant());
        List<RegisteredVm> cluster = registry.all();
        for (RegisteredVm vm : cluster) {
            try {
                vms.stop(vm, run.id());
            } catch (VmUnavailableException e) {
                log.warn("stopping run {}: {}", run.id(), e.getMessage());
            }
        }
        try {
            List<RegisteredVm> members = cluster.stream().filter(vm -> run.vms().contains(vm.name())).toList();
            archive.writeLogs(run.id(), collector.collect(members, run.id()));
            ended = ended.withLogsCollected();
        } catch (RuntimeException e) {
            log.warn("run {}: logs not collected: {}", run.id(), e.getMessage());
        }
        archive.save(ended);
        runs.put(ended.id(), ended);
        current = ended;
        CompletableFuture<Run> ending = endings.remove(run.id());
        if (ending != null) {
            ending.complete(ended);
        }
        log.info("run {} {}", run.id(), how.name().toLowerCase());
    }

    public synchronized Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public synchronized List<Run> all() {
        return List.copyOf(runs.values());
    }

    /** The run the VMs hold, if any: ended runs stay current until the next one starts. */
    public Optional<Run> current() {
        return Optional.ofNullable(current);
    }
}
