package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The swarm stack file (deploy/swarm/clocklab.yml) deployed for real with {@code docker stack deploy}
 * on a single-node swarm, on the images the build produced: all N VMs, named vm1..vmN by their task
 * slot, run one run; a run's verdict is clean; Prometheus scrapes all N. The test makes the swarm
 * ({@code docker swarm init}) and leaves it afterwards; on an engine that is already in a swarm it
 * uses that swarm and leaves it as it was. Skipped only when the engine refuses {@code swarm init},
 * and then it says so loudly.
 */
@Testcontainers(disabledWithoutDocker = true)
class SwarmIT {

    private static final Logger log = LoggerFactory.getLogger(SwarmIT.class);
    static final int VMS = 4;
    static final List<String> NAMES = IntStream.rangeClosed(1, VMS).mapToObj(i -> "vm" + i).toList();
    static final String STACK = "clocklab-it-" + Long.toHexString(System.nanoTime() & 0xffffff);

    static boolean madeTheSwarm;
    static String coordinator;
    static String prometheus;
    static Duration deployToRunning;

    @BeforeAll
    static void deploy() throws Exception {
        ProjectImages.vm().get();
        ProjectImages.coordinator().get();
        String state = docker("info", "--format", "{{.Swarm.LocalNodeState}}").strip();
        if (!state.equals("active")) {
            Result init = run("docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
            if (init.code() != 0) {
                log.error("\n\n*** SwarmIT SKIPPED: this Docker engine refused 'docker swarm init': {} ***\n", init.output());
                Assumptions.abort("the engine refused 'docker swarm init': " + init.output());
            }
            madeTheSwarm = true;
        }
        int coordinatorPort = FreePorts.next();
        int prometheusPort = FreePorts.next();
        coordinator = "http://localhost:" + coordinatorPort;
        prometheus = "http://localhost:" + prometheusPort;
        Map<String, String> env = new HashMap<>();
        env.put("CLOCKLAB_VMS", String.valueOf(VMS));
        env.put("CLOCKLAB_COORDINATOR_PORT", String.valueOf(coordinatorPort));
        env.put("CLOCKLAB_PROMETHEUS_PORT", String.valueOf(prometheusPort));
        long started = System.nanoTime();
        Result deployed = run(env, "docker", "stack", "deploy", "-c", Repository.file("deploy/swarm/clocklab.yml").toString(), STACK);
        assertThat(deployed.code()).as(deployed.output()).isZero();
        await("all %d VMs RUNNING in the default run".formatted(VMS)).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().untilAsserted(() -> {
                    JsonNode cluster = Http.getJson(coordinator + "/api/cluster");
                    assertThat(cluster.path("state").asText()).isEqualTo("RUNNING");
                    assertThat(cluster.path("vms").findValuesAsText("name")).containsExactlyElementsOf(NAMES);
                });
        deployToRunning = Duration.ofNanos(System.nanoTime() - started);
        log.info("stack {}: {} VMs RUNNING {} ms after docker stack deploy", STACK, VMS, deployToRunning.toMillis());
    }

    @AfterAll
    static void remove() throws Exception {
        try {
            run("docker", "stack", "rm", STACK);
            // the stack's volumes go once its containers have
            await("stack %s's containers gone".formatted(STACK)).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> docker("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + STACK).isBlank());
            for (String volume : docker("volume", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK).split("\\s+")) {
                if (!volume.isBlank()) {
                    run("docker", "volume", "rm", volume);
                }
            }
        } finally {
            if (madeTheSwarm) {
                Result left = run("docker", "swarm", "leave", "--force");
                log.info("left the swarm: {}", left.output().strip());
            }
        }
    }

    @Test
    void allVmsRunOneRunWithACleanVerdictAndPrometheusScrapesEveryOne() {
        JsonNode cluster = Http.getJson(coordinator + "/api/cluster");
        JsonNode defaultRun = Http.getJson(coordinator + "/api/runs/" + cluster.path("runId").asText());
        List<String> inRun = new ArrayList<>();
        defaultRun.path("vms").forEach(vm -> inRun.add(vm.asText()));
        assertThat(inRun).as("the default run holds every task").containsExactlyElementsOf(NAMES);
        for (JsonNode vm : cluster.path("vms")) {
            assertThat(vm.path("httpUrl").asText()).as("a task advertises its address on the stack's network")
                    .matches("http://\\d+\\.\\d+\\.\\d+\\.\\d+:8080");
        }

        String rates = String.join(",", NAMES.stream().map(vm -> "\"" + vm + "\":10").toList());
        HttpResponse<String> created = Http.postJson(coordinator + "/api/runs", "{\"clockRates\":{" + rates + "},\"durationSeconds\":10}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String runId = Http.parse(created.body()).path("id").asText();
        await("run " + runId + " finished and collected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    JsonNode run = Http.getJson(coordinator + "/api/runs/" + runId);
                    return "FINISHED".equals(run.path("state").asText()) && run.path("logsCollected").asBoolean();
                });
        JsonNode verdict = Http.getJson(coordinator + "/api/runs/" + runId + "/analysis").path("verdict");
        assertThat(verdict.path("eventsChecked").asLong()).as("about 10 s x 10 ticks/s x %d VMs", VMS).isBetween(VMS * 90L, VMS * 101L);
        assertThat(verdict.path("violationCount").asLong()).as(verdict.toString()).isZero();

        await("Prometheus scrapes all %d VMs".formatted(VMS)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(() -> {
                    JsonNode up = Http.getJson(prometheus + "/api/v1/query?query=up%7Bjob%3D%22vms%22%7D").path("data").path("result");
                    assertThat(up.findValuesAsText("vm")).containsExactlyInAnyOrderElementsOf(NAMES);
                    up.forEach(series -> assertThat(series.path("value").get(1).asText()).isEqualTo("1"));
                    JsonNode clocks = Http.getJson(prometheus + "/api/v1/query?query=vm_logical_clock").path("data").path("result");
                    assertThat(clocks.findValuesAsText("vm")).containsExactlyInAnyOrderElementsOf(NAMES);
                });
    }

    record Result(int code, String output) {
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Result result = run(Map.of(), command.toArray(String[]::new));
        if (result.code() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output();
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), command);
    }

    private static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end in 3 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
