package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.ExpectedVms;
import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.cluster.VmHealth;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.store.DataDiskSpace;
import io.clocklab.coordinator.store.TimedIds;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import io.clocklab.core.analysis.DeliverySummary;
import io.clocklab.core.analysis.OutageTimes;
import io.clocklab.core.archive.Run;
import io.clocklab.core.archive.RunState;
import io.clocklab.core.check.DeliveryAccounting;
import io.clocklab.core.control.Names;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.RandomRange;
import io.clocklab.core.model.RateAssignment;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A run's life: start, end, collection, and keeping a live run going through crashes. A start is
 * all or nothing: the request is checked and every VM probed before the current run is touched.
 * <p>
 * Transitions (start, end, rejoin, collection) take turns on one lock, which is held across the
 * calls to the VMs; nothing that reads runs takes it: reads go to {@link RunStore}, which never
 * waits on the network.
 */
@Service
public class RunService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    /** How long past its planned end a run waits for its VMs to be back before it ends without them. */
    private static final Duration END_WAIT = Duration.ofSeconds(30);
    private static final Duration END_RETRY = Duration.ofSeconds(1);
    private static final String RESTARTED = "restarted";
    private static final String NOT_HEARD_FROM = "not heard from";
    private static final String NO_END_STATE = "did not answer at the end";
    /** The longest run {@code POST /api/runs} accepts: 24 h. */
    public static final int MAX_DURATION_SECONDS = 86_400;

    private final VmRegistry registry;
    private final ExpectedVms expected;
    private final ClusterDriver driver;
    private final CoordinatorProperties properties;
    private final RandomGenerator seedSource;
    private final InstantSource clock;
    private final TaskScheduler scheduler;
    private final Counter runsStarted;
    private final RunStore store;
    private final LogCollector collector;
    private final RunArchive archive;
    private final ReentrantLock transitions = new ReentrantLock();
    private final Map<String, CompletableFuture<Run>> endings = new HashMap<>();
    private volatile String reservedFor;
    private volatile boolean running;
    /** The live run's end; cancelled at shutdown, so the scheduler does not wait for it. */
    private volatile ScheduledFuture<?> endTimer;

    private final AnalysisTurns turns;
    private final ApplicationEventPublisher events;
    private final AnalysisLimits limits;
    private final DataDiskSpace disk;

    public RunService(VmRegistry registry, ExpectedVms expected, ClusterDriver driver, CoordinatorProperties properties, RandomGenerator seedSource,
                      InstantSource clock, TaskScheduler scheduler, MeterRegistry meters, RunStore store, LogCollector collector,
                      RunArchive archive, AnalysisTurns turns, AnalysisLimits limits, DataDiskSpace disk, ApplicationEventPublisher events) {
        this.events = events;
        this.disk = disk;
        this.turns = turns;
        this.limits = limits;
        this.registry = registry;
        this.expected = expected;
        this.driver = driver;
        this.properties = properties;
        this.seedSource = seedSource;
        this.clock = clock;
        this.scheduler = scheduler;
        this.store = store;
        this.collector = collector;
        this.archive = archive;
        this.runsStarted = Counter.builder("coordinator.runs.started").description("Runs started").register(meters);
        adoptOrStop(store.load());
    }

    /**
     * The coordinator went away while these runs were going. The newest live one is adopted again:
     * its VMs tick on by themselves, so it stays RUNNING with its end re-armed, and its VMs are
     * found again as they re-register. Any other is marked STOPPED; its logs can still be collected.
     */
    private void adoptOrStop(List<Run> loaded) {
        Run adopt = loaded.stream().filter(run -> run.isRunning() && run.mode() == RunMode.LIVE).reduce((a, b) -> b).orElse(null);
        for (Run run : loaded) {
            if (run.isRunning() && run != adopt) {
                store.save(run.ended(RunState.STOPPED, null));
                log.info("run {} was still running when the coordinator stopped; marked stopped", run.id());
            }
        }
        if (adopt != null) {
            store.saveCurrent(adopt);
            armEnd(adopt);
            log.info("re-adopted run {}: its VMs are found again as they re-register", adopt.id());
        }
    }

    /**
     * Starts a run on the user's behalf.
     *
     * @throws ExperimentRunningException while a live experiment owns the cluster
     * @throws VmUnavailableException     a VM did not answer; when it was found before anything changed, the current run goes on
     */
    public Run start(RunRequest request) {
        transitions.lock();
        try {
            if (reservedFor != null) {
                throw new ExperimentRunningException("experiment " + reservedFor + " is running live; its runs own the cluster until it ends");
            }
            return startRun(request, null, newRunId());
        } finally {
            transitions.unlock();
        }
    }

    /** Starts a run of a live experiment that has {@link #reserve reserved} the cluster. */
    public Run startFor(String experimentId, String runId, RunRequest request) {
        transitions.lock();
        try {
            if (!experimentId.equals(reservedFor)) {
                throw new IllegalStateException("the cluster is reserved for " + reservedFor + ", not " + experimentId);
            }
            return startRun(request, experimentId, Names.requireValid("run id", runId));
        } finally {
            transitions.unlock();
        }
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
    public void record(Run run) {
        store.save(run);
        if (!run.isRunning() && run.logsCollected()) {
            events.publishEvent(new RunEnded(run));
        }
    }

    /** Completes once the run has ended and its logs are collected (or their collection failed). */
    public CompletableFuture<Run> ending(String runId) {
        synchronized (endings) {
            Run run = store.find(runId).orElse(null);
            if (run != null && !run.isRunning()) {
                return CompletableFuture.completedFuture(run);
            }
            return endings.computeIfAbsent(runId, id -> new CompletableFuture<>());
        }
    }

    /** A fresh run id: the start time and a random suffix. */
    private String newRunId() {
        return TimedIds.next(clock, seedSource);
    }

    private Run startRun(RunRequest request, String experimentId, String id) {
        List<RegisteredVm> cluster = registry.alive();
        List<String> names = cluster.stream().map(RegisteredVm::name).toList();
        int needed = expected.count();
        if (cluster.size() < needed) {
            // a request that is wrong whoever registers is refused as such (400), not told to wait (409);
            // the names of VMs that have not registered yet are taken as they come
            List<String> known = new ArrayList<>(registry.all().stream().map(RegisteredVm::name).toList());
            request.fixedRates().keySet().stream().filter(name -> !known.contains(name)).forEach(known::add);
            List<String> problems = problems(request, known);
            if (!problems.isEmpty()) {
                throw new InvalidRequestException("run", problems);
            }
            List<String> down = registry.all().stream().filter(vm -> !registry.alive(vm)).map(RegisteredVm::name).toList();
            throw new ClusterNotReadyException("waiting for VMs: " + cluster.size() + " of " + expected.describe()
                    + " registered and up" + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
                    + (down.isEmpty() ? "" : "; DOWN, not heard from for over " + properties.heartbeatTimeout().toSeconds()
                    + " s: " + String.join(", ", down)));
        }
        List<String> problems = problems(request, names);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("run", problems);
        }
        RunRequest resolved = request.withDefaults(properties);
        if (store.exists(id)) {
            throw new IllegalStateException("run " + id + " exists already");
        }
        long seed = request.seed() != null ? request.seed() : seedSource.nextLong();
        Map<String, Integer> rates = RateAssignment.assign(names, request.fixedRates(), resolved.clockRateMin(),
                resolved.clockRateMax(), new SplittableRandom(seed));
        Integer duration = resolved.durationSeconds();
        disk.requireRoomFor(duration == null ? 0 : (long) duration * rates.values().stream().mapToLong(Integer::longValue).sum(), "this run");

        driver.probe(cluster); // before anything changes: a VM that does not answer leaves the current run untouched
        endLive(RunState.STOPPED);
        Instant startAt = clock.instant().plus(properties.startLead());
        Run run = new Run(id, RunState.RUNNING, RunMode.LIVE, experimentId, rates,
                Collections.unmodifiableMap(new LinkedHashMap<>(request.fixedRates())), resolved.clockRateMin(), resolved.clockRateMax(),
                resolved.randomRange(), resolved.durationSeconds(), seed, names, startAt, null, false)
                .withClocks(request.clockKind(), request.skews());
        Instant setUpBegan = clock.instant();
        driver.setUp(run, cluster);
        Instant lateStart = startAfterSetUp(properties.startLead(), setUpBegan, clock.instant());
        if (lateStart.isAfter(startAt)) { // the set-up took longer than the lead: start together a little later
            run = new Run(id, RunState.RUNNING, RunMode.LIVE, experimentId, rates, run.fixedClockRates(), run.clockRateMin(),
                    run.clockRateMax(), run.randomRange(), run.durationSeconds(), seed, names, lateStart, null, false)
                    .withClocks(run.clock(), run.clockSkew());
        }
        driver.start(run, cluster);
        names.forEach(name -> registry.recovering(name, false)); // each was set up afresh: none is out of the run
        store.saveCurrent(run);
        runsStarted.increment();
        armEnd(run);
        log.info("run {} started at {}: rates {}, randomRange {}, seed {}, clock {}{}{}", id, run.startAt(), rates, run.randomRange(), seed,
                run.clock().label(), run.clockSkew().isEmpty() ? "" : ", skew " + run.clockSkew(),
                run.durationSeconds() == null ? "" : ", " + run.durationSeconds() + " s");
        return run;
    }

    /** Everything wrong with a request for a cluster of these VMs; empty when it can start. */
    public List<String> problems(RunRequest request, List<String> names) {
        RunRequest resolved = request.withDefaults(properties);
        List<String> problems = new ArrayList<>(RateAssignment.problems(names, resolved.fixedRates(),
                resolved.clockRateMin(), resolved.clockRateMax()));
        String randomRange = RandomRange.problem("randomRange", resolved.randomRange());
        if (randomRange != null) {
            problems.add(randomRange);
        }
        problems.addAll(request.clockProblems(names));
        Integer duration = resolved.durationSeconds();
        if (duration != null && (duration < 1 || duration > MAX_DURATION_SECONDS)) {
            problems.add("durationSeconds must be between 1 and " + MAX_DURATION_SECONDS + " (24 h), got " + duration);
        }
        return problems;
    }

    /**
     * The start instant once the VMs are set up: the starts go out one VM after another as the set-ups
     * did, and take about as long, so the instant is half as long again as the set-up took ahead, and
     * never less than {@code least} (the {@code start-lead}). With the fixed lead alone, the last of
     * 32 VMs on a busy 2-core host was told to start 5.1 s after the instant, and dropped the ticks
     * already due.
     */
    static Instant startAfterSetUp(Duration least, Instant setUpBegan, Instant setUpEnded) {
        Duration setUp = Duration.between(setUpBegan, setUpEnded);
        Duration lead = setUp.plus(setUp.dividedBy(2));
        return setUpEnded.plus(lead.compareTo(least) > 0 ? lead : least);
    }

    /** The VMs stop themselves at startAt + duration, to the tick; this records it and collects the logs. */
    private void armEnd(Run run) {
        Instant end = run.plannedEnd();
        if (end != null) {
            Instant planned = end.plusMillis(250);
            Instant at = planned.isBefore(clock.instant()) ? clock.instant() : planned; // an adopted run may be past its end
            ScheduledFuture<?> previous = endTimer;
            if (previous != null) {
                previous.cancel(false);
            }
            endTimer = scheduler.schedule(() -> finish(run.id(), at), at);
        }
    }

    /**
     * Ends a run whose time is up. While one of its VMs is still restarting (or not yet re-registered
     * after the coordinator's own restart), waits for it, up to {@link #END_WAIT}.
     */
    void finish(String id, Instant due) {
        transitions.lock();
        try {
            Run run = store.live().filter(live -> live.id().equals(id)).orElse(null);
            if (run == null) {
                return;
            }
            List<String> absent = run.vms().stream().filter(vm -> registry.get(vm) == null
                    || registry.health(registry.get(vm)) != VmHealth.UP).toList();
            if (!absent.isEmpty() && clock.instant().isBefore(due.plus(END_WAIT))) {
                log.info("run {} is due to end; waiting for {} to be back before collecting", id, absent);
                try {
                    scheduler.schedule(() -> finish(id, due), clock.instant().plus(END_RETRY));
                    return;
                } catch (TaskRejectedException e) {
                    log.info("shutting down: ending run {} without waiting for {}", id, absent);
                }
            }
            endLive(RunState.FINISHED);
        } finally {
            transitions.unlock();
        }
    }

    /**
     * Ends the live run as {@code how}, tells every VM, reads what their queues still hold, and
     * collects their logs into the data directory before anything else can replace them. A VM that
     * does not answer is named in the run's {@code logsMissing}: its own file still has every event.
     * Call with the transitions lock held.
     */
    private void endLive(RunState how) {
        Run run = store.live().orElse(null);
        if (run == null) {
            return;
        }
        Instant endedAt = clock.instant();
        driver.stop(run.id(), members(run));
        run.vms().forEach(vm -> registry.recovering(vm, false)); // there is no run left to hand back
        EndState endState = collector.endState(run);
        if (endState != null) {
            for (String vm : run.vms()) { // what a VM held at the end is unknown: its messages are not counted lost
                if (!endState.queued().containsKey(vm) || !endState.unconfirmed().containsKey(vm)) {
                    updateLive(run.id(), latest -> latest.withOutageOpened(vm, endedAt, NO_END_STATE));
                }
            }
        }
        Map<String, String> missing = collector.collect(run);
        if (!missing.isEmpty()) {
            log.warn("run {}: logs not collected from {}", run.id(), missing);
        }
        // The run is saved ended only with its accounting, so a FINISHED run always shows its delivery.
        Run collected = account(store.find(run.id()).orElseThrow().ended(how, endedAt).withCollection(missing, endState));
        Run ended = store.update(run.id(), latest -> collected).orElseThrow();
        completeEnding(ended);
        log.info("run {} {}{}", run.id(), how.name().toLowerCase(), missing.isEmpty() ? ", logs collected" : "");
    }

    /** Once every log is in, what became of each message goes on the run. */
    private Run account(Run run) {
        if (!run.logsCollected()) {
            return run;
        }
        try {
            RunData data = archive.runData(run);
            List<Outage> placed = turns.oneAtATime(() -> OutageTimes.fromLogs(run.outages(), data.events()));
            DeliverySummary delivery = turns.oneAtATime(() -> DeliverySummary.of(DeliveryAccounting.account(data.with(placed, run.endState()), limits)));
            if (!delivery.complete()) {
                log.warn("run {}: {} messages lost, {} not accounted for", run.id(), delivery.lost(), delivery.unaccounted());
            }
            return run.withOutagesPlaced(placed).withDelivery(delivery);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            log.warn("run {}: delivery not accounted: {}", run.id(), e.getMessage());
            return run;
        }
    }

    private void completeEnding(Run ended) {
        if (ended.logsCollected()) {
            events.publishEvent(new RunEnded(ended));
        }
        CompletableFuture<Run> ending;
        synchronized (endings) {
            ending = endings.remove(ended.id());
        }
        if (ending != null) {
            ending.complete(ended);
        }
    }

    /**
     * Collects the logs of an ended run again, from the VMs that still hold its files.
     *
     * @throws RunNotFoundException    no such run
     * @throws RunStillGoingException  the run has not ended
     */
    public Run collect(String id) {
        transitions.lock();
        try {
            Run run = store.find(id).orElseThrow(() -> new RunNotFoundException(id));
            if (run.isRunning()) {
                throw new RunStillGoingException("run " + id + " is still running; its logs are collected when it ends");
            }
            if (run.mode() != RunMode.LIVE) {
                return run;
            }
            Map<String, String> missing = collector.collect(run);
            Run collected = account(run.withCollection(missing, run.endState()));
            return store.update(id, latest -> collected).orElseThrow();
        } finally {
            transitions.unlock();
        }
    }

    /**
     * Every registration is a heartbeat. A VM of the live run that registers without that run has
     * restarted: its outage opens now, and it is handed the run again once every member is registered.
     */
    public void registered(VmRegistry.VmRegistered registration) {
        Run live = store.live().orElse(null);
        RegisteredVm vm = registration.vm();
        if (live == null || live.mode() != RunMode.LIVE || !live.vms().contains(vm.name())) {
            return;
        }
        Outage open = live.openOutage(vm.name());
        if (vm.runId() == null) { // it holds no run: it restarted (a VM that holds another run is a stale heartbeat)
            Instant from = registration.previous() != null ? registration.previous().lastSeen() : clock.instant();
            updateLive(live.id(), run -> run.withOutageOpened(vm.name(), from, RESTARTED));
            registry.recovering(vm.name(), true);
            later(this::reconcile, Duration.ZERO);
        } else if (live.id().equals(vm.runId()) && open != null) {
            if (RESTARTED.equals(open.cause()) && vm.state() == VmState.WAITING) {
                later(this::reconcile, Duration.ZERO); // set up again but not started: a rejoin was cut short
            } else {
                close(live.id(), vm.name());
            }
        }
    }

    /** Opens an outage for each member of the live run not heard from within the heartbeat timeout. */
    public void sweep() {
        Run live = store.live().orElse(null);
        if (live == null || live.mode() != RunMode.LIVE) {
            return;
        }
        for (String name : live.vms()) {
            RegisteredVm vm = registry.get(name);
            if (vm != null && !registry.alive(vm)) {
                updateLive(live.id(), run -> run.withOutageOpened(name, vm.lastSeen(), NOT_HEARD_FROM));
            }
        }
    }

    /**
     * Hands the live run again to every member that restarted. Its peers need only be registered
     * (their addresses are all the set-up needs): one VM down for good does not keep another out.
     */
    void reconcile() {
        if (!transitions.tryLock()) {
            later(this::reconcile, END_RETRY); // a start or an end is under way
            return;
        }
        try {
            Run live = store.live().orElse(null);
            if (live == null || live.mode() != RunMode.LIVE) {
                return;
            }
            List<RegisteredVm> members = live.vms().stream().map(registry::get).toList();
            if (members.stream().anyMatch(Objects::isNull)) {
                return; // the next registration tries again
            }
            for (RegisteredVm vm : members) {
                Outage open = live.openOutage(vm.name());
                boolean outOfTheRun = vm.runId() == null || live.id().equals(vm.runId()) && vm.state() == VmState.WAITING;
                if (open != null && RESTARTED.equals(open.cause()) && outOfTheRun && registry.alive(vm)) {
                    rejoin(live, vm, members);
                }
            }
        } finally {
            transitions.unlock();
        }
    }

    private void rejoin(Run live, RegisteredVm vm, List<RegisteredVm> members) {
        try {
            if (driver.rejoin(live, vm, members)) {
                log.info("{} rejoined run {}", vm.name(), live.id());
            } else {
                log.info("{} holds run {} already; nothing to hand it", vm.name(), live.id());
            }
            close(live.id(), vm.name());
        } catch (VmUnavailableException e) {
            log.warn("{} could not rejoin run {} yet (its next heartbeat tries again): {}", vm.name(), live.id(), e.getMessage());
        }
    }

    private void close(String runId, String vm) {
        Instant back = clock.instant();
        updateLive(runId, run -> run.withOutageClosed(vm, back));
        registry.recovering(vm, false);
    }

    /** Changes the run only while it is live: an outage never lands on a run that has just ended. */
    private void updateLive(String runId, UnaryOperator<Run> change) {
        store.update(runId, run -> run.isRunning() ? change.apply(run) : run);
    }

    /** Schedules a task; during shutdown, when the scheduler takes no more, the task is not needed. */
    private void later(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, clock.instant().plus(delay));
        } catch (TaskRejectedException e) {
            log.debug("not scheduled, shutting down: {}", e.getMessage());
        }
    }

    private List<RegisteredVm> members(Run run) {
        return run.vms().stream().map(registry::get).filter(Objects::nonNull).toList();
    }

    public Optional<Run> find(String id) {
        return store.find(id);
    }

    public List<Run> all() {
        return store.all();
    }

    /** The run the VMs hold, if any: ended runs stay current until the next one starts. */
    public Optional<Run> current() {
        return store.current();
    }

    // Graceful shutdown: before the coordinator goes, the live run ends and its logs are collected.

    @EventListener
    void on(VmRegistry.VmRegistered registration) {
        registered(registration);
    }

    @Override
    public void start() {
        running = true;
        scheduler.scheduleWithFixedDelay(this::sweep, Duration.ofSeconds(1));
    }

    @Override
    public void stop() {
        running = false;
        ScheduledFuture<?> timer = endTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        transitions.lock();
        try {
            if (store.live().isPresent()) {
                log.info("shutting down: ending the live run and collecting its logs first");
                endLive(RunState.STOPPED);
            }
        } finally {
            transitions.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the schedulers, so the VMs can still be reached. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
