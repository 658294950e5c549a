package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import io.clocklab.core.testing.ChiSquare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * N = 6 VMs through the one-command path: the real docker-compose.yml brought up with
 * {@code --scale vm=3}, so vm1-vm3 are the compose file's and vm4-vm6 are replicas the coordinator
 * named. All six must register and run together, the N-VM roll rule must hold on their live logs
 * (chi-square), and the checker's verdict on the collected run must be clean.
 */
@Testcontainers(disabledWithoutDocker = true)
class ScaledComposeIT {

    private static final Logger log = LoggerFactory.getLogger(ScaledComposeIT.class);
    static final int REPLICAS = 3;
    static final List<String> VMS = IntStream.rangeClosed(1, 3 + REPLICAS).mapToObj(i -> "vm" + i).toList();

    static Path logDir;
    static String coordinator;
    static DockerComposeContainer<?> stack;

    @BeforeAll
    static void up() throws IOException {
        ProjectImages.vm().get();
        ProjectImages.coordinator().get();
        logDir = Files.createTempDirectory("clocklab-scaled-logs");
        Files.setPosixFilePermissions(logDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> env = new HashMap<>();
        int coordinatorPort = FreePorts.next();
        env.put("CLOCKLAB_COORDINATOR_PORT", String.valueOf(coordinatorPort));
        for (String variable : List.of("VM1", "VM2", "VM3", "PROMETHEUS", "GRAFANA")) {
            env.put("CLOCKLAB_" + variable + "_PORT", String.valueOf(FreePorts.next()));
        }
        env.put("CLOCKLAB_LOG_DIR", logDir.toString());
        coordinator = "http://localhost:" + coordinatorPort;

        stack = new DockerComposeContainer<>(Repository.file("docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(false)
                .withEnv(env)
                .withServices("coordinator", "vm1", "vm2", "vm3", "vm")
                .withScaledService("vm", REPLICAS);
        stack.start();
    }

    @AfterAll
    static void down() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void sixVmsRegisterAndRunOneRunWhoseRollsFollowTheNVmRuleAndWhoseVerdictIsClean() throws IOException {
        await("the default run with all six").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> {
                    JsonNode cluster = Http.getJson(coordinator + "/api/cluster");
                    assertThat(cluster.path("state").asText()).isEqualTo("RUNNING");
                    assertThat(cluster.path("vms").findValuesAsText("name")).containsExactlyElementsOf(VMS);
                });
        JsonNode cluster = Http.getJson(coordinator + "/api/cluster");
        assertThat(cluster.path("vms").findValuesAsText("health")).containsOnly("UP");
        JsonNode defaultRun = Http.getJson(coordinator + "/api/runs/" + cluster.path("runId").asText());
        assertThat(textList(defaultRun.path("vms"))).as("the default run includes every VM asked for").containsExactlyElementsOf(VMS);

        String rates = String.join(",", VMS.stream().map(vm -> "\"" + vm + "\":20").toList());
        HttpResponse<String> created = Http.postJson(coordinator + "/api/runs",
                "{\"clockRates\":{" + rates + "},\"durationSeconds\":20,\"randomRange\":10}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String runId = Http.parse(created.body()).path("id").asText();
        await("run " + runId + " finished and collected").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    JsonNode run = Http.getJson(coordinator + "/api/runs/" + runId);
                    return "FINISHED".equals(run.path("state").asText()) && run.path("logsCollected").asBoolean();
                });

        // The roll on idle ticks, read from the VMs' own log files (the live logs in the host folder)
        long[] observed = new long[VMS.size() + 1];
        int events = 0;
        for (String vm : VMS) {
            Path file = logDir.resolve(runId).resolve(vm + ".jsonl");
            List<Event> logged = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(EventJson::fromLine).toList();
            assertThat(logged).as(vm + " logged its ticks").hasSizeGreaterThan(300);
            events += logged.size();
            List<String> peers = new ArrayList<>(VMS);
            peers.remove(vm);
            long[] outcomes = ChiSquare.rollOutcomes(logged, peers);
            for (int i = 0; i < outcomes.length; i++) {
                observed[i] += outcomes[i];
            }
        }
        double statistic = ChiSquare.statistic(observed, ChiSquare.rollShares(VMS.size(), 10));
        log.info("run {}: {} events from {} VMs; idle-tick outcomes {} (peer 1..5, all, internal); chi-square {}", runId, events,
                VMS.size(), java.util.Arrays.toString(observed), statistic);
        assertThat(statistic).as("chi-square of %s against 1/10 per peer, 1/10 to all, 4/10 internal", java.util.Arrays.toString(observed))
                .isLessThan(ChiSquare.critical(VMS.size()));

        JsonNode analysis = Http.getJson(coordinator + "/api/runs/" + runId + "/analysis");
        assertThat(analysis.path("vms").findValuesAsText("vm")).containsExactlyElementsOf(VMS);
        assertThat(analysis.path("verdict").path("eventsChecked").asLong()).isEqualTo(events);
        assertThat(analysis.path("verdict").path("violationCount").asLong()).as(analysis.path("verdict").toString()).isZero();
    }

    private static List<String> textList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

}
