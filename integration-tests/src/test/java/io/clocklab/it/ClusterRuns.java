package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import org.assertj.core.api.SoftAssertions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live runs on a {@link ChaosCluster}, as a fault test drives them: start one and wait until every
 * VM ticks in it; wait for its end (and its logs' collection); then read everything known about it
 * ({@link Outcome}) and check what must hold after any fault ({@link Outcome#assertHeld}).
 */
final class ClusterRuns {

    private static final Logger log = LoggerFactory.getLogger(ClusterRuns.class);

    private final ChaosCluster cluster;

    ClusterRuns(ChaosCluster cluster) {
        this.cluster = cluster;
    }

    /** A run a test started, as the coordinator answered. */
    record LiveRun(String id, Instant startAt, int durationSeconds) {
        Instant endsAt() {
            return startAt.plusSeconds(durationSeconds);
        }
    }

    /** Starts a run ({@code POST /api/runs} with {@code request}) and waits until every VM ticks in it. */
    LiveRun start(String request, int durationSeconds) {
        HttpResponse<String> created = Http.postJson(cluster.coordinatorUrl() + "/api/runs", request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = Http.parse(created.body());
        LiveRun run = new LiveRun(body.get("id").asText(), Instant.parse(body.get("startAt").asText()), durationSeconds);
        for (String vm : ClusterContainers.VM_NAMES) {
            await("%s ticks in run %s".formatted(vm, run.id())).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        JsonNode clock = Http.getJson(cluster.vmUrl(vm) + "/clock");
                        return run.id().equals(clock.path("runId").asText()) && "RUNNING".equals(clock.path("state").asText())
                                && clock.path("logicalClock").asLong() > 0;
                    });
        }
        log.info("run {} under way: starts {}, {} s", run.id(), run.startAt(), durationSeconds);
        return run;
    }

    JsonNode runJson(String id) {
        return Http.getJson(cluster.coordinatorUrl() + "/api/runs/" + id);
    }

    String currentRunId() {
        return Http.getJson(cluster.coordinatorUrl() + "/api/cluster").path("runId").asText(null);
    }

    /** Waits until the run is over and, if it finished, its logs are collected. */
    void awaitEnd(LiveRun run) {
        Duration left = Duration.between(Instant.now(), run.endsAt()).plusSeconds(60);
        await("run %s ends".formatted(run.id())).atMost(left.isNegative() ? Duration.ofSeconds(60) : left).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> !"RUNNING".equals(runJson(run.id()).path("state").asText()));
        if ("FINISHED".equals(runJson(run.id()).path("state").asText())) {
            try {
                await("run %s's logs collected".formatted(run.id())).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                        .until(() -> runJson(run.id()).path("logsCollected").asBoolean());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                log.warn("run {}: logs not collected 15 s after it finished", run.id());
            }
        }
    }

    /**
     * Everything known about an ended run: the coordinator's run and analysis, the logs it
     * collected and each VM's own log file; {@code health}: how the coordinator saw the VMs meanwhile.
     */
    Outcome outcome(LiveRun live, String health) {
        JsonNode run = runJson(live.id());
        HttpResponse<String> answer = Http.getResponse(cluster.coordinatorUrl() + "/api/runs/" + live.id() + "/analysis");
        JsonNode analysis = answer.statusCode() == 200 ? Http.parse(answer.body()) : null;
        String problem = answer.statusCode() == 200 ? null : "HTTP " + answer.statusCode() + ": " + answer.body();
        Map<String, List<Event>> files = new LinkedHashMap<>();
        for (String vm : ClusterContainers.VM_NAMES) {
            files.put(vm, cluster.logFile(vm, live.id()).orElse(List.of()));
        }
        return new Outcome(live, run, analysis, problem, collectedLogs(live.id()), files, health);
    }

    /**
     * Everything known about a run once it is over: the coordinator's run and analysis (null when
     * it will not give one), the logs it collected (null when none), and each VM's own log file.
     */
    record Outcome(LiveRun live, JsonNode run, JsonNode analysis, String analysisProblem, Map<String, List<Event>> collected,
                   Map<String, List<Event>> files, String health) {

        List<Event> file(String vm) {
            return files.get(vm);
        }

        ChaosFigures.Delivery delivery() {
            return ChaosFigures.Delivery.of(analysis, files);
        }

        ChaosFigures.Restart restart(String vm, Instant down, Instant started, Instant serving) {
            return new ChaosFigures.Restart(vm, down, started, serving,
                    ChaosFigures.firstEventAfter(file(vm), down).map(Event::systemTime).orElse(null));
        }

        /** The run's common figures: its end, the verdict, the messages, the outages and health the coordinator saw. */
        String figures() {
            List<String> violations = ChaosFigures.violations(analysis);
            return "run " + live.id() + " " + run.path("state").asText() + ", logsCollected " + run.path("logsCollected").asBoolean()
                    + ", " + (analysis == null ? "no analysis (" + analysisProblem + ")"
                    : violations.size() + " violations" + (violations.isEmpty() ? "" : " " + ChaosFigures.cap(violations)))
                    + "; " + delivery() + "; " + ChaosFigures.outages(analysis, live.startAt()) + "; " + health
                    + "; events " + files.values().stream().mapToInt(List::size).sum();
        }

        /** What must hold after every fault; {@code restarted}: the VMs whose process was killed and started again. */
        void assertHeld(SoftAssertions softly, List<String> restarted) {
            softly.assertThat(run.path("state").asText()).as("run %s's state", live.id()).isEqualTo("FINISHED");
            softly.assertThat(run.path("logsCollected").asBoolean()).as("run %s: logsCollected", live.id()).isTrue();
            softly.assertThat(analysisProblem).as("run %s's analysis", live.id()).isNull();
            softly.assertThat(ChaosFigures.violations(analysis)).as("run %s: the checker's violations", live.id()).isEmpty();
            ChaosFigures.Delivery delivery = delivery();
            softly.assertThat(delivery.lost()).as("run %s: the analysis' delivery report", live.id()).isNotNull();
            if (delivery.lost() != null) {
                softly.assertThat(delivery.lost()).as("run %s: delivery.lost", live.id()).isEmpty();
            }
            softly.assertThat(run.at("/delivery/lost").asLong(-1)).as("run %s: the run's own delivery.lost", live.id()).isZero();
            softly.assertThat(run.at("/delivery/unaccounted").asLong(-1)).as("run %s: delivery.unaccounted", live.id()).isZero();
            softly.assertThat(delivery.duplicateReceives()).as("run %s: duplicate RECEIVEs in the VMs' logs", live.id()).isZero();
            for (String vm : ClusterContainers.VM_NAMES) {
                String which = restarted.contains(vm) ? "%s's log file after its restart" : "%s's log file";
                softly.assertThat(file(vm)).as(which + " of run %s", vm, live.id()).isNotEmpty();
                softly.assertThat(ChaosFigures.seqGap(file(vm))).as(which + ": seq 1..n with no gap", vm).isEmpty();
                if (collected != null) {
                    softly.assertThat(ChaosFigures.firstDifference(collected.getOrDefault(vm, List.of()), file(vm)))
                            .as("%s's log as the coordinator collected it, against its own file", vm).isEmpty();
                }
            }
        }

        /** A killed VM's restart is among the run's outages. */
        void assertOutageReported(SoftAssertions softly, String vm) {
            JsonNode outages = run.path("outages");
            List<String> vms = new ArrayList<>();
            outages.forEach(o -> vms.add(o.path("vm").asText()));
            softly.assertThat(vms).as("run %s: the outages on the run", live.id()).contains(vm);
        }
    }

    /** The run's logs as the coordinator collected them (its logs.zip); null when it has none. */
    Map<String, List<Event>> collectedLogs(String runId) {
        HttpResponse<String> probe = Http.getResponse(cluster.coordinatorUrl() + "/api/runs/" + runId);
        if (probe.statusCode() != 200 || !Http.parse(probe.body()).path("logsCollected").asBoolean()) {
            return null;
        }
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Http.getBytes(cluster.coordinatorUrl() + "/runs/" + runId + "/logs.zip")))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String vm = entry.getName().substring(entry.getName().lastIndexOf('/') + 1).replace(".jsonl", "");
                logs.put(vm, new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                        .map(EventJson::fromLine).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs;
    }
}
