package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Analyses of archived runs with the coordinator's analysis limits: spilling to the data directory, and a damaged log. */
class ArchiveAnalysisTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CoordinatorApplication.class).run(
                "--server.port=0", "--clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
                "--clocklab.coordinator.auto-start=false", "--clocklab.coordinator.data-dir=" + dataDir,
                "--clocklab.coordinator.analysis.sort-chunk=1000", "--clocklab.coordinator.analysis.jump-sample=100");
    }

    private static String simulatedRun(CoordinatorTestSupport api) {
        String id = json(api.post("/api/experiments", """
                {"name":"big enough to spill","runs":1,"durationSeconds":20,"seed":3,"mode":"simulated",
                 "variations":[{"label":"a","clockRates":{"vm1":50,"vm2":50,"vm3":60}}]}""")).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("/api/experiments/" + id)).get("state").asText().equals("FINISHED"));
        return json(api.get("/api/experiments/" + id)).at("/runs/0/runId").asText();
    }

    @Test
    void aRunBiggerThanTheSortChunkSpillsUnderTheDataDirectoryAndLeavesNothingThere() throws IOException {
        try (ConfigurableApplicationContext context = start()) {
            CoordinatorTestSupport api = new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort());
            String runId = simulatedRun(api);

            JsonNode analysis = json(api.get("/api/runs/" + runId + "/analysis"));

            assertThat(analysis.get("events").asLong()).isEqualTo(3200);
            assertThat(analysis.at("/verdict/violationCount").asLong()).isZero();
            assertThat(analysis.at("/delivery/lostCount").asLong()).isZero();
            assertThat(analysis.at("/vms/2/jumps/sampled").asBoolean()).as("over the 100-jump sample").isTrue();
            assertThat(analysis.at("/vms/2/jumps/sampleSize").asLong()).isEqualTo(100);
            assertThat(dataDir.resolve("tmp")).as("made when the sort first spilled").isDirectory();
            try (Stream<Path> left = Files.list(dataDir.resolve("tmp"))) {
                assertThat(left).as("the spilled chunks are deleted").isEmpty();
            }
            assertThat(api.get("/runs/" + runId).getBody()).contains("from a uniform sample of 100 of");
        }
    }

    @Test
    void anEndedRunIsAnalysedInAdvanceAndItsAnalysisOutlivesARestartWithoutItsLogsBeingReadAgain() throws IOException {
        String runId;
        String before;
        try (ConfigurableApplicationContext context = start()) {
            CoordinatorTestSupport api = new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort());
            runId = simulatedRun(api);
            Path saved = dataDir.resolve("runs").resolve(runId).resolve("analysis.json");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(saved));
            before = api.get("/api/runs/" + runId + "/analysis").getBody();
        }
        // Were the logs read again, these would fail the analysis.
        for (String vm : new String[]{"vm1", "vm2", "vm3"}) {
            Files.writeString(dataDir.resolve("runs").resolve(runId).resolve(vm + ".jsonl"), "{\"seq\":oops}\n");
        }

        try (ConfigurableApplicationContext context = start()) {
            CoordinatorTestSupport api = new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort());

            assertThat(api.get("/api/runs/" + runId + "/analysis").getBody()).isEqualTo(before);
        }
    }

    @Test
    void atStartSpillsLeftByACrashAreDeletedAndTheNewestRunWithoutItsAnalysisIsAnalysedInAdvance() throws IOException {
        String runId;
        try (ConfigurableApplicationContext context = start()) {
            runId = simulatedRun(new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.isRegularFile(dataDir.resolve("runs").resolve(runId).resolve("analysis.json")));
        }
        Path saved = dataDir.resolve("runs").resolve(runId).resolve("analysis.json");
        Files.delete(saved); // as when the coordinator was killed before it was written
        Path leftover = Files.createDirectories(dataDir.resolve("tmp").resolve("clocklab-sort-42"));
        Files.writeString(leftover.resolve("chunk-0"), "half a sort");
        Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        Path fresh = Files.createDirectories(dataDir.resolve("tmp").resolve("clocklab-sort-43")); // as if a sort of this process
        Path notOurs = Files.writeString(dataDir.resolve("tmp").resolve("keep-me"), "someone else's");

        try (ConfigurableApplicationContext context = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(saved));
            assertThat(leftover).doesNotExist();
            assertThat(notOurs).exists();
            assertThat(fresh).as("changed after this process started: not a leftover").exists();
        }
    }

    @Test
    void aDamagedLogInTheArchiveGetsAProblemNamingTheFileAndLine() throws IOException {
        String runId;
        try (ConfigurableApplicationContext context = start()) {
            runId = simulatedRun(new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.isRegularFile(dataDir.resolve("runs").resolve(runId).resolve("analysis.json")));
        }
        Path log = dataDir.resolve("runs").resolve(runId).resolve("vm2.jsonl");
        long lines;
        try (Stream<String> all = Files.lines(log)) {
            lines = all.count();
        }
        Files.writeString(log, "{\"seq\":oops}\n", StandardOpenOption.APPEND);
        Files.delete(log.resolveSibling("analysis.json"));

        try (ConfigurableApplicationContext context = start()) {
            ResponseEntity<String> answer = new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort())
                    .get("/api/runs/" + runId + "/analysis");

            assertThat(answer.getStatusCode().value()).isEqualTo(500);
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(json(answer).get("detail").asText()).contains("runs/" + runId + "/vm2.jsonl:" + (lines + 1)).contains("not JSON")
                    .as("where the data directory is on the server is not said").doesNotContain(dataDir.toString())
                    .doesNotContain(dataDir.toRealPath().toString());
        }
    }
}
