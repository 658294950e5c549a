package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
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
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private volatile Run current;

    public RunService(VmRegistry registry, VmControlClient vms, CoordinatorProperties properties, RandomGenerator seedSource,
                      InstantSource clock, TaskScheduler scheduler, MeterRegistry meters) {
        this.registry = registry;
        this.vms = vms;
        this.properties = properties;
        this.seedSource = seedSource;
        this.clock = clock;
        this.scheduler = scheduler;
        this.runsStarted = Counter.builder("coordinator.runs.started").description("Runs started").register(meters);
    }

    public synchronized Run start(RunRequest request) {
        List<RegisteredVm> cluster = registry.all();
        List<String> names = cluster.stream().map(RegisteredVm::name).toList();
        if (cluster.size() < properties.expectedVms()) {
            throw new ClusterNotReadyException("waiting for VMs: " + cluster.size() + " of " + properties.expectedVms()
                    + " registered" + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")"));
        }
        int min = request.clockRateMin() != null ? request.clockRateMin() : properties.clockRateMin();
        int max = request.clockRateMax() != null ? request.clockRateMax() : properties.clockRateMax();
        int randomRange = request.randomRange() != null ? request.randomRange() : properties.randomRange();
        Integer duration = request.durationSeconds();
        List<String> problems = new ArrayList<>(RateAssignment.problems(names, request.fixedRates(), min, max));
        if (randomRange < 1) {
            problems.add("randomRange must be at least 1, got " + randomRange);
        }
        if (duration != null && duration < 1) {
            problems.add("durationSeconds must be at least 1, got " + duration);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunException(problems);
        }

        long seed = request.seed() != null ? request.seed() : seedSource.nextLong();
        Map<String, Integer> rates = RateAssignment.assign(names, request.fixedRates(), min, max, new SplittableRandom(seed));
        String id = ID_TIME.format(clock.instant()) + "-" + String.format("%04x", seedSource.nextInt(0x10000));

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

        Run run = new Run(id, RunState.RUNNING, rates, Map.copyOf(request.fixedRates()), min, max, randomRange, duration,
                seed, names, startAt, null);
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

    synchronized void finish(String id) {
        Run run = current;
        if (run != null && run.id().equals(id) && run.state() == RunState.RUNNING) {
            endCurrent(RunState.FINISHED);
        }
    }

    /** Ends the current run as {@code how} and tells every VM; a VM that does not answer is only logged. */
    private void endCurrent(RunState how) {
        Run run = current;
        if (run == null || run.state() != RunState.RUNNING) {
            return;
        }
        Run ended = run.ended(how, clock.instant());
        runs.put(ended.id(), ended);
        current = ended;
        for (RegisteredVm vm : registry.all()) {
            try {
                vms.stop(vm, run.id());
            } catch (VmUnavailableException e) {
                log.warn("stopping run {}: {}", run.id(), e.getMessage());
            }
        }
        log.info("run {} {}", run.id(), how.name().toLowerCase());
    }

    public synchronized Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public synchronized List<Run> all() {
        return List.copyOf(runs.values());
    }

    public Optional<Run> current() {
        return Optional.ofNullable(current);
    }
}
