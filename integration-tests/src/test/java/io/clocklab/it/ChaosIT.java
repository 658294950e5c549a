package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.model.Event;
import io.clocklab.it.ClusterRuns.LiveRun;
import io.clocklab.it.ClusterRuns.Outcome;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static io.clocklab.it.ChaosFigures.at;
import static io.clocklab.it.ChaosFigures.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes, restarts, freezes and partitions of the project's containers in the middle of a run
 * (issue 7), and what must hold after each: the run reaches FINISHED with its logs collected, the
 * checker finds no violation, no message is lost or received twice, a restarted VM's log goes on
 * with no seq gap, and a restarted coordinator adopts the run it was running.
 *
 * <p>One cluster serves every scenario, in order; each starts its own short run (rates 2/6/6,
 * randomRange 10, seed 42) and injects its fault {@value #FAULT_AT_SECONDS} s into it. Before each
 * scenario {@link ChaosCluster#heal()} undoes whatever the last one left (paused, stopped or
 * disconnected containers) and waits until every container serves and every VM is registered,
 * so one failing scenario does not fail the next. Each scenario logs its figures in one line
 * ({@link ChaosFigures}, also in {@code target/chaos-figures.txt}) before it asserts, and asserts
 * softly, so one run of the class shows everything that does not hold yet.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);
    static final int FAULT_AT_SECONDS = 8;
    static final Duration FAULT_AT = Duration.ofSeconds(FAULT_AT_SECONDS);
    /** How long a pause or a partition lasts: under the coordinator's 15 s heartbeat limit, so the VM is never declared down. */
    static final Duration FAULT_LENGTH = Duration.ofSeconds(10);
    static final String RUN_REQUEST = """
            {"clockRates":{"vm1":2,"vm2":6,"vm3":6},"randomRange":10,"seed":42,"durationSeconds":%d}""";

    static final ChaosCluster cluster = new ChaosCluster();
    static final ClusterRuns runs = new ClusterRuns(cluster);
    /** The coordinator's view of the VMs' health during the current scenario's run. */
    static ChaosCluster.HealthWatch health;

    @BeforeAll
    static void start() {
        ChaosFigures.reset();
        cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void everyContainerServesAndEveryVmIsRegistered() {
        cluster.heal();
    }

    @AfterEach
    void stopWatchingHealth() {
        if (health != null) {
            health.close();
            health = null;
        }
    }

    /**
     * A frozen VM (docker pause: its process gets no CPU, its sockets still take bytes) misses
     * 10 s ({@link #FAULT_LENGTH}) of ticks. Afterwards it must go on at its rate, not fire the
     * missed ticks in a burst (RATE_LIMIT), and no message to or from it may be lost.
     */
    @Test
    @Order(1)
    void aVmPausedForTenSecondsLosesNothingAndDoesNotCatchUpInABurst() {
        LiveRun run = startRun(25);
        waitUntil(run, FAULT_AT);
        Instant paused = cluster.pause("vm2");
        Instant unpaused;
        try {
            holdTheFault();
        } finally {
            unpaused = cluster.unpause("vm2");
        }
        Outcome outcome = awaitOutcome(run);

        List<Event> vm2 = outcome.file("vm2");
        List<Event> afterPause = vm2.stream().filter(e -> e.systemTime().isAfter(unpaused)).toList();
        int most = ChaosFigures.mostEventsWithin(afterPause, Duration.ofMillis(999));
        ChaosFigures.record("pause vm2 " + seconds(FAULT_LENGTH), outcome.figures() + "; vm2 paused " + at(run.startAt(), paused)
                + " to " + at(run.startAt(), unpaused) + ", first event after " + at(run.startAt(), ChaosFigures.firstEventAfter(vm2, unpaused)
                .map(Event::systemTime).orElse(null)) + ", at most " + most + " events within 1 s after it (rate 6, RATE_LIMIT allows 7)");

        SoftAssertions.assertSoftly(softly -> {
            outcome.assertHeld(softly, List.of());
            softly.assertThat(most).as("vm2's events within 1 s after the pause: a catch-up burst").isLessThanOrEqualTo(6 + 1);
            softly.assertThat(afterPause).as("vm2 ticks again after the pause").isNotEmpty();
        });
    }

    /**
     * A VM cut off the network (docker network disconnect) for 10 s ({@link #FAULT_LENGTH}), then
     * connected again under its alias (its address may change): what its peers sent it meanwhile,
     * and what it sent them, arrives once.
     */
    @Test
    @Order(2)
    void aVmDisconnectedForTenSecondsLosesNothing() {
        LiveRun run = startRun(25);
        String addressBefore = cluster.ipAddress("vm3").orElse("?");
        waitUntil(run, FAULT_AT);
        Instant cut = cluster.disconnect("vm3");
        Instant joined;
        try {
            holdTheFault();
        } finally {
            joined = cluster.connect("vm3");
        }
        String addressAfter = cluster.ipAddress("vm3").orElse("?");
        Outcome outcome = awaitOutcome(run);

        ChaosFigures.record("disconnect vm3 " + seconds(FAULT_LENGTH), outcome.figures() + "; vm3 cut off " + at(run.startAt(), cut)
                + " to " + at(run.startAt(), joined) + ", address " + addressBefore + " -> " + addressAfter);

        SoftAssertions.assertSoftly(softly -> outcome.assertHeld(softly, List.of()));
    }

    /**
     * kill -9 of a VM mid-run, then docker start of the same container (its /logs kept): the
     * coordinator sees it come back without the run and gives it the run again; the VM recovers
     * from its log file (appending, seq going on), and the messages it had not sent, or not
     * received, are sent again and received once.
     */
    @Test
    @Order(3)
    void aVmKilledMidRunAndStartedAgainRejoinsItsRunWithNoGapAndNoLoss() {
        LiveRun run = startRun(30);
        waitUntil(run, FAULT_AT);
        Instant down = cluster.kill("vm2");
        Instant started = cluster.start("vm2");
        Instant serving = cluster.awaitServing("vm2");
        Outcome outcome = awaitOutcome(run);

        ChaosFigures.Restart restart = outcome.restart("vm2", down, started, serving);
        ChaosFigures.record("kill -9 vm2", outcome.figures() + "; " + restart.describe(run.startAt()));

        SoftAssertions.assertSoftly(softly -> {
            outcome.assertHeld(softly, List.of("vm2"));
            softly.assertThat(restart.firstEventAfter()).as("vm2 rejoined its run: an event after its restart").isNotNull();
            softly.assertThat(outcome.file("vm2")).as("vm2's events before the kill are still in its log")
                    .anyMatch(e -> e.systemTime().isBefore(down));
            outcome.assertOutageReported(softly, "vm2");
        });
    }

    /**
     * kill -9 of the coordinator mid-run, then docker start (its /data kept): it must adopt the
     * run it was running (same id, RUNNING; not stop it, not start a default run over it),
     * finish it on time and collect its logs. The VMs tick on throughout.
     */
    @Test
    @Order(4)
    void theCoordinatorKilledMidRunAndStartedAgainAdoptsTheRunAndFinishesIt() {
        LiveRun run = startRun(35);
        waitUntil(run, FAULT_AT);
        Instant down = cluster.kill(ChaosCluster.COORDINATOR);
        Instant started = cluster.start(ChaosCluster.COORDINATOR);
        Instant serving = cluster.awaitServing(ChaosCluster.COORDINATOR);
        Adoption adoption = awaitAdoption(run);
        String current = currentRunId();
        Outcome outcome = awaitOutcome(run);

        ChaosFigures.record("kill -9 coordinator", outcome.figures() + "; coordinator down at " + at(run.startAt(), down)
                + ", started " + at(run.startAt(), started) + ", serving " + at(run.startAt(), serving) + ", " + adoption.describe(run, started)
                + ", cluster's run then " + current);

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(adoption.firstState).as("the restarted coordinator's first answer for run %s", run.id()).isEqualTo("RUNNING");
            softly.assertThat(adoption.runningAgainAt).as("run %s adopted again (RUNNING)", run.id()).isNotNull();
            softly.assertThat(current).as("GET /api/cluster's run after the restart (no default run over it)").isEqualTo(run.id());
            outcome.assertHeld(softly, List.of());
        });
    }

    /**
     * kill -9 of every container, then docker start of them all at once: the coordinator adopts
     * the run, every VM recovers it from its file and rejoins, and the run still ends FINISHED with
     * every message accounted for.
     */
    @Test
    @Order(5)
    void everyContainerKilledAndStartedAgainTheRunGoesOnAndFinishes() {
        LiveRun run = startRun(45);
        waitUntil(run, FAULT_AT);
        Map<String, Instant> down = allAtOnce(cluster::kill);
        Map<String, Instant> started = allAtOnce(cluster::start);
        Map<String, Instant> serving = new LinkedHashMap<>();
        cluster.names().forEach(name -> serving.put(name, cluster.awaitServing(name)));
        Adoption adoption = awaitAdoption(run);
        Outcome outcome = awaitOutcome(run);

        List<ChaosFigures.Restart> restarts = ClusterContainers.VM_NAMES.stream()
                .map(vm -> outcome.restart(vm, down.get(vm), started.get(vm), serving.get(vm))).toList();
        ChaosFigures.record("kill -9 everything", outcome.figures() + "; coordinator down at "
                + at(run.startAt(), down.get(ChaosCluster.COORDINATOR)) + ", serving " + at(run.startAt(), serving.get(ChaosCluster.COORDINATOR))
                + ", " + adoption.describe(run, started.get(ChaosCluster.COORDINATOR)) + "; "
                + String.join("; ", restarts.stream().map(r -> r.describe(run.startAt())).toList()));

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(adoption.runningAgainAt).as("run %s adopted again (RUNNING)", run.id()).isNotNull();
            outcome.assertHeld(softly, ClusterContainers.VM_NAMES);
            for (ChaosFigures.Restart restart : restarts) {
                // A VM that serves again only as the run ends is stopped at once (design §3): nothing to tick.
                if (restart.serving().plusSeconds(3).isBefore(run.endsAt())) {
                    softly.assertThat(restart.firstEventAfter()).as("%s rejoined its run (serving again %s, the run ends %s)",
                            restart.name(), at(run.startAt(), restart.serving()), at(run.startAt(), run.endsAt())).isNotNull();
                }
                outcome.assertOutageReported(softly, restart.name());
            }
        });
    }

    /**
     * A new run while one registered VM does not answer (paused): 503 naming that VM, and the run
     * under way goes on untouched (all or nothing: the coordinator checks every VM before it ends
     * the current run).
     */
    @Test
    @Order(6)
    void aRunStartWhileAVmIsPausedIsRefusedWith503AndTheCurrentRunGoesOn() {
        LiveRun run = startRun(30);
        waitUntil(run, Duration.ofSeconds(3));
        int runsBefore = Http.getJson(cluster.coordinatorUrl() + "/api/runs").size();
        cluster.pause("vm3");
        HttpResponse<String> refused;
        Instant asked = Instant.now();
        Instant answered;
        JsonNode after;
        String current;
        int runsAfter;
        try {
            refused = Http.postJson(cluster.coordinatorUrl() + "/api/runs", RUN_REQUEST.formatted(30));
            answered = Instant.now();
            after = runJson(run.id());
            current = currentRunId();
            runsAfter = Http.getJson(cluster.coordinatorUrl() + "/api/runs").size();
        } finally {
            cluster.unpause("vm3");
        }
        Map<String, String> heldByVms = new LinkedHashMap<>();
        for (String vm : ClusterContainers.VM_NAMES) {
            JsonNode clock = await("%s answers again".formatted(vm)).atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> Http.getJson(cluster.vmUrl(vm) + "/clock"), c -> c.has("state"));
            heldByVms.put(vm, clock.path("runId").asText() + " " + clock.path("state").asText());
        }
        String detail = refused.body().contains("{") ? Http.parse(refused.body()).path("detail").asText() : refused.body();

        ChaosFigures.record("start while vm3 paused", "HTTP " + refused.statusCode() + " after " + seconds(Duration.between(asked, answered))
                + " (\"" + detail + "\"); run " + run.id() + " then " + after.path("state").asText() + ", cluster's run " + current
                + ", runs listed " + runsBefore + " -> " + runsAfter + "; the VMs then hold " + heldByVms);

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            softly.assertThat(detail).as("the problem names the VM that did not answer").contains("vm3");
            softly.assertThat(after.path("state").asText()).as("run %s after the refused start", run.id()).isEqualTo("RUNNING");
            softly.assertThat(current).as("the cluster's run after the refused start").isEqualTo(run.id());
            softly.assertThat(runsAfter).as("runs listed: the refused one is not among them").isEqualTo(runsBefore);
            softly.assertThat(heldByVms).as("each VM's run after the refused start").allSatisfy((vm, held) ->
                    assertThat(held).isEqualTo(run.id() + " RUNNING"));
        });
    }

    /** One action on every container at once, like {@code docker kill a b c d}; when each one's was done. */
    static Map<String, Instant> allAtOnce(java.util.function.Function<String, Instant> action) {
        ExecutorService pool = Executors.newFixedThreadPool(cluster.names().size());
        try {
            Map<String, Future<Instant>> pending = new LinkedHashMap<>();
            cluster.names().forEach(name -> pending.put(name, pool.submit(() -> action.apply(name))));
            Map<String, Instant> done = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Instant>> each : pending.entrySet()) {
                done.put(each.getKey(), each.getValue().get(60, TimeUnit.SECONDS));
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("acting on every container: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- the run under test ----

    /** Starts a run and waits until every VM ticks in it; the coordinator's view of health is watched from then on. */
    static LiveRun startRun(int durationSeconds) {
        LiveRun run = runs.start(RUN_REQUEST.formatted(durationSeconds), durationSeconds);
        if (health != null) {
            health.close();
        }
        health = cluster.watchHealth();
        return run;
    }

    /** Waits until {@code into} after the run's start: when the fault goes in. */
    static void waitUntil(LiveRun run, Duration into) {
        Instant when = run.startAt().plus(into);
        await("%s into run %s".formatted(seconds(into), run.id())).atMost(into.plusSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !Instant.now().isBefore(when));
    }

    /**
     * Keeps a pause or a partition in place for {@link #FAULT_LENGTH}. A plain sleep on purpose:
     * the fault has to last a fixed time, and there is nothing to poll for while it does.
     */
    static void holdTheFault() {
        try {
            Thread.sleep(FAULT_LENGTH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode runJson(String id) {
        return runs.runJson(id);
    }

    static String currentRunId() {
        return runs.currentRunId();
    }

    /** What a restarted coordinator first said about the run, and when it first said RUNNING. */
    record Adoption(String firstState, Instant firstAnswerAt, Instant runningAgainAt) {
        String describe(LiveRun run, Instant started) {
            if (runningAgainAt == null) {
                return "run not adopted (first answer " + firstState + " " + at(run.startAt(), firstAnswerAt) + ")";
            }
            return "run adopted (RUNNING again) " + at(run.startAt(), runningAgainAt) + ", " + seconds(Duration.between(started, runningAgainAt))
                    + " after the coordinator's start";
        }
    }

    /**
     * Polls {@code GET /api/runs/{id}} on the restarted coordinator until it says RUNNING, or
     * says the run is over (then it was not adopted), or 30 s pass.
     */
    static Adoption awaitAdoption(LiveRun run) {
        AtomicReference<String> first = new AtomicReference<>();
        AtomicReference<Instant> firstAt = new AtomicReference<>();
        AtomicReference<Instant> running = new AtomicReference<>();
        try {
            await("run %s answered for again".formatted(run.id())).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> {
                        HttpResponse<String> answer = Http.getResponse(cluster.coordinatorUrl() + "/api/runs/" + run.id());
                        String state = answer.statusCode() == 200 ? Http.parse(answer.body()).path("state").asText() : "HTTP " + answer.statusCode();
                        if (first.compareAndSet(null, state)) {
                            firstAt.set(Instant.now());
                        }
                        if ("RUNNING".equals(state)) {
                            running.set(Instant.now());
                            return true;
                        }
                        return state.equals("FINISHED") || state.equals("STOPPED");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            log.warn("run {}: the restarted coordinator never said RUNNING nor ended it within 30 s (first answer {})", run.id(), first.get());
        }
        return new Adoption(first.get(), firstAt.get(), running.get());
    }

    /** Waits until the run is over (and, if it finished, its logs collected), then reads everything about it. */
    static Outcome awaitOutcome(LiveRun run) {
        runs.awaitEnd(run);
        String healthSeen = "health n/a";
        if (health != null) {
            health.close();
            healthSeen = health.describe(run.startAt());
            health = null;
        }
        return runs.outcome(run, healthSeen);
    }
}
