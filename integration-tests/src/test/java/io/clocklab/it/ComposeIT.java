package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real docker-compose.yml, brought up as a user would (without Grafana, which has no offline
 * image here; its provisioning is checked by {@link MonitoringProvisioningTest}). Host ports are
 * moved to free ones and the log folder to a temporary one, through the variables the compose
 * file offers, so the test disturbs nothing on the machine.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {

    static final Map<String, Integer> PORTS = new HashMap<>();
    static Path logDir;
    static DockerComposeContainer<?> stack;

    @BeforeAll
    static void up() throws IOException {
        // Build the images compose names, from the project's Dockerfile (cached after ClusterIT).
        ProjectImages.vm().get();
        ProjectImages.coordinator().get();

        logDir = Files.createTempDirectory("clocklab-compose-logs");
        Files.setPosixFilePermissions(logDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String variable : List.of("COORDINATOR", "VM1", "VM2", "VM3", "PROMETHEUS", "GRAFANA")) {
            PORTS.put(variable, FreePorts.next());
        }
        Map<String, String> env = new HashMap<>();
        PORTS.forEach((variable, port) -> env.put("CLOCKLAB_" + variable + "_PORT", String.valueOf(port)));
        env.put("CLOCKLAB_LOG_DIR", logDir.toString());

        stack = new DockerComposeContainer<>(Repository.file("docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(false)
                .withEnv(env)
                .withServices("coordinator", "vm1", "vm2", "vm3", "prometheus");
        stack.start();
    }

    @AfterAll
    static void down() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void prometheusScrapesTheLogicalClockOfAllThreeVms() {
        String query = "http://localhost:" + PORTS.get("PROMETHEUS") + "/api/v1/query?query=vm_logical_clock";
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode result = Http.getJson(query).path("data").path("result");
            assertThat(result.findValuesAsText("vm")).containsExactlyInAnyOrder("vm1", "vm2", "vm3");
        });
    }

    /**
     * Grafana cannot run here, but its dashboard's queries can: each one, with the {@code vm}
     * variable at "All", must parse on the real Prometheus and, once the run has ticked a while,
     * return a series for every VM (for a per-VM panel) or at least one (for an aggregate).
     */
    @Test
    void everyQueryOfTheGrafanaDashboardRunsOnTheRealPrometheusAndCoversEveryVm() {
        List<String> vms = List.of("vm1", "vm2", "vm3");
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(9);
        String prometheus = "http://localhost:" + PORTS.get("PROMETHEUS") + "/api/v1/query?query=";

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(queries).allSatisfy(query -> {
                    JsonNode answer = Http.getJson(prometheus + URLEncoder.encode(query.withAllVms(vms), StandardCharsets.UTF_8));
                    assertThat(answer.path("status").asText()).as("%s: %s", query.panel(), answer).isEqualTo("success");
                    JsonNode series = answer.path("data").path("result");
                    if (query.perVm()) {
                        assertThat(Set.copyOf(series.findValuesAsText("vm"))).as("%s: %s", query.panel(), query.expr())
                                .containsExactlyInAnyOrderElementsOf(vms);
                    } else {
                        assertThat(series).as("%s: %s", query.panel(), query.expr()).isNotEmpty();
                    }
                }));
    }

    @Test
    void everyVmRunsAndWritesItsLogToTheHostFolder() throws IOException {
        String coordinator = "http://localhost:" + PORTS.get("COORDINATOR");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "RUNNING".equals(Http.getJson(coordinator + "/api/cluster").path("state").asText()));
        String runId = Http.getJson(coordinator + "/api/cluster").get("runId").asText();

        for (String vm : List.of("vm1", "vm2", "vm3")) {
            String url = "http://localhost:" + PORTS.get(vm.toUpperCase());
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.getJson(url + "/clock").get("logicalClock").asLong() > 0);
            assertThat(Http.getJson(url + "/clock").get("runId").asText()).isEqualTo(runId);
            Path file = logDir.resolve(runId).resolve(vm + ".jsonl");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.size(file) > 0);
            assertThat(firstLine(file)).isEqualTo(Http.getJson(url + "/log?limit=1").get(0).toString());
        }
    }

    @Test
    void experimentsAndTheirResultsLiveOnTheCoordinatorsVolumeAcrossARestart() throws Exception {
        String coordinator = "http://localhost:" + PORTS.get("COORDINATOR");
        HttpResponse<String> accepted = Http.postJson(coordinator + "/api/experiments",
                "{\"name\":\"kept\",\"runs\":2,\"durationSeconds\":10,\"mode\":\"simulated\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Http.parse(accepted.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(Http.getJson(coordinator + "/api/experiments/" + id).get("state").asText()));
        String before = Http.get(coordinator + "/api/experiments/" + id + "/analysis");

        restartTheContainerPublishing(PORTS.get("COORDINATOR"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> Http.getJson(coordinator + "/actuator/health").get("status").asText().equals("UP"));

        assertThat(Http.getJson(coordinator + "/api/experiments/" + id).get("state").asText()).isEqualTo("FINISHED");
        assertThat(Http.get(coordinator + "/api/experiments/" + id + "/analysis")).isEqualTo(before);
        assertThat(Http.get(coordinator + "/experiments/" + id)).contains("<svg");
    }

    /** Like {@code docker compose restart coordinator}, found by its published port. */
    private static void restartTheContainerPublishing(int port) throws IOException, InterruptedException {
        Process find = new ProcessBuilder("docker", "ps", "-q", "--filter", "publish=" + port).start();
        String id = new String(find.getInputStream().readAllBytes()).strip();
        assertThat(find.waitFor()).isZero();
        assertThat(id).as("the coordinator's container").isNotEmpty().doesNotContain("\n");
        Process restart = new ProcessBuilder("docker", "restart", id).inheritIO().start();
        assertThat(restart.waitFor()).isZero();
    }

    private static String firstLine(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().orElseThrow();
        }
    }

}
