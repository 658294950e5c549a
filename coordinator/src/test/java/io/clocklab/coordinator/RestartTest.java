package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.clocklab.core.model.Event;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Experiments, runs and their logs outlive the coordinator: a new one on the same data directory has them all. */
class RestartTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return start("false");
    }

    ConfigurableApplicationContext start(String autoStart) {
        return new SpringApplicationBuilder(CoordinatorApplication.class).run(
                "--server.port=0", "--clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
                "--clocklab.coordinator.auto-start=" + autoStart, "--clocklab.coordinator.data-dir=" + dataDir,
                "--clocklab.coordinator.start-lead=50ms");
    }

    @Test
    void aRunStillGoingWhenTheCoordinatorCrashedIsAdoptedAgainAndFinishesWithItsLogs() throws Exception {
        List<FakeVm> vms = FakeVms.create("vm1", "vm2", "vm3");
        try {
            String id = "20261122-050000-beef";
            Instant startAt = Instant.now().minusSeconds(5);
            Files.createDirectories(dataDir.resolve("runs").resolve(id));
            Files.writeString(dataDir.resolve("runs").resolve(id).resolve("run.json"), """
                    {"id":"%s","state":"RUNNING","mode":"live","clockRates":{"vm1":1,"vm2":2,"vm3":3},"fixedClockRates":{},
                     "clockRateMin":1,"clockRateMax":6,"randomRange":10,"durationSeconds":8,"seed":3,
                     "vms":["vm1","vm2","vm3"],"startAt":"%s","endedAt":null,"logsCollected":false}""".formatted(id, startAt));
            for (FakeVm vm : vms) {
                vm.holds(id, List.of(Event.internal(1, vm.name(), startAt.plusMillis(100), 1, 0)));
            }

            try (ConfigurableApplicationContext context = start("true")) { // auto-start on: it must not start a run over the live one
                CoordinatorTestSupport api = api(context);
                assertThat(json(api.get("/api/runs/" + id)).get("state").asText()).isEqualTo("RUNNING");
                vms.forEach(api::register);
                assertThat(json(api.get("/api/cluster")).get("runId").asText()).isEqualTo(id);

                await().atMost(Duration.ofSeconds(15)).until(() -> json(api.get("/api/runs/" + id)).get("state").asText().equals("FINISHED"));
                JsonNode run = json(api.get("/api/runs/" + id));
                assertThat(run.get("logsCollected").asBoolean()).isTrue();
                assertThat(run.at("/delivery/lost").asLong(-1)).as("delivery accounted once the logs are in").isZero();
                assertThat(run.at("/endState/queued").properties()).hasSize(3);
                assertThat(json(api.get("/api/runs")).findValuesAsText("id")).containsExactly(id);
                assertThat(vms.get(0).calls("/internal/run")).as("adopted, not set up again").isEmpty();
            }
            assertThat(dataDir.resolve("runs").resolve(id).resolve("vm2.jsonl")).isNotEmptyFile();
        } finally {
            vms.forEach(FakeVm::close);
        }
    }

    @Test
    void aGracefulShutdownEndsTheLiveRunAndCollectsItsLogsFirst() {
        List<FakeVm> vms = FakeVms.create("vm1", "vm2", "vm3");
        String id;
        try {
            try (ConfigurableApplicationContext context = start()) {
                CoordinatorTestSupport api = api(context);
                vms.forEach(api::register);
                id = json(api.post("/api/runs", "{\"durationSeconds\":600}")).get("id").asText();
                vms.forEach(vm -> vm.log(List.of(Event.internal(1, vm.name(), Instant.now(), 1, 0))));
            }
            try (ConfigurableApplicationContext context = start()) {
                JsonNode run = json(api(context).get("/api/runs/" + id));
                assertThat(run.get("state").asText()).isEqualTo("STOPPED");
                assertThat(run.get("logsCollected").asBoolean()).isTrue();
                assertThat(run.get("endedAt").isNull()).isFalse();
            }
            assertThat(vms.get(0).calls("/internal/run/stop")).isNotEmpty();
        } finally {
            vms.forEach(FakeVm::close);
        }
    }

    static CoordinatorTestSupport api(ConfigurableApplicationContext context) {
        return new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aFinishedExperimentAndItsRunsSurviveARestart() {
        String id;
        String runId;
        String before;
        try (ConfigurableApplicationContext first = start()) {
            CoordinatorTestSupport api = api(first);
            id = json(api.post("/api/experiments", "{\"name\":\"kept\",\"runs\":2,\"durationSeconds\":5,\"mode\":\"simulated\"}"))
                    .get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("/api/experiments/" + id)).get("state").asText().equals("FINISHED"));
            before = api.get("/api/experiments/" + id).getBody();
            runId = json(api.get("/api/experiments/" + id)).at("/runs/1/runId").asText();
        }
        assertThat(dataDir.resolve("runs").resolve(runId).resolve("vm1.jsonl")).isNotEmptyFile();

        try (ConfigurableApplicationContext second = start()) {
            CoordinatorTestSupport api = api(second);
            assertThat(api.get("/api/experiments/" + id).getBody()).isEqualTo(before);
            JsonNode run = json(api.get("/api/runs/" + runId));
            assertThat(run.get("state").asText()).isEqualTo("FINISHED");
            assertThat(run.get("experimentId").asText()).isEqualTo(id);
        }
    }

    @Test
    void anExperimentCutShortByARestartIsMarkedInterruptedWithItsFinishedRunsKept() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("experiments/exp-cut"));
        Files.writeString(folder.resolve("experiment.json"), """
                {"id":"exp-cut","name":"cut","mode":"live","state":"RUNNING","runsPerVariation":2,"durationSeconds":60,
                 "seed":1,"variations":[{"label":"default","clockRates":{},"clockRateMin":1,"clockRateMax":6,"randomRange":10}],
                 "runs":[{"variation":"default","index":0,"seed":5,"runId":"exp-cut-v1-r1","done":true},
                         {"variation":"default","index":1,"seed":6,"runId":"exp-cut-v1-r2","done":false}],
                 "createdAt":"2026-11-21T10:00:00Z"}""");

        try (ConfigurableApplicationContext context = start()) {
            JsonNode experiment = json(api(context).get("/api/experiments/exp-cut"));
            assertThat(experiment.get("state").asText()).isEqualTo("INTERRUPTED");
            assertThat(experiment.get("error").asText()).contains("1 of 2 runs had finished");
            assertThat(experiment.at("/progress/runsDone").asInt()).isEqualTo(1);
        }
    }
}
