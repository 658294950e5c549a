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

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Experiments, runs and their logs outlive the coordinator: a new one on the same data directory has them all. */
class RestartTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CoordinatorApplication.class).run(
                "--server.port=0", "--clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
                "--clocklab.coordinator.auto-start=false", "--clocklab.coordinator.data-dir=" + dataDir);
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
