package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The analyses, downloads and report pages over HTTP, after a small simulated experiment. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportEndpointsTest {

    @LocalServerPort
    int port;
    CoordinatorTestSupport api;
    String experimentId;
    String runId;

    @BeforeAll
    void runAnExperiment() {
        api = new CoordinatorTestSupport(port);
        experimentId = json(api.post("/api/experiments", """
                {"name":"downloads","runs":2,"durationSeconds":10,"seed":5,"mode":"simulated",
                 "variations":[{"label":"a","clockRates":{"vm1":1,"vm2":6,"vm3":6}},{"label":"b","randomRange":4}]}""")).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("/api/experiments/" + experimentId)).get("state").asText().equals("FINISHED"));
        runId = json(api.get("/api/experiments/" + experimentId)).at("/runs/0/runId").asText();
    }

    byte[] bytes(String path) {
        return RestClient.create("http://localhost:" + port).get().uri(path).retrieve().body(byte[].class);
    }

    static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void aRunsAnalysisCarriesEveryVmAndThePassingVerdict() {
        JsonNode analysis = json(api.get("/api/runs/" + runId + "/analysis"));

        assertThat(analysis.get("runId").asText()).isEqualTo(runId);
        assertThat(analysis.get("vms").findValuesAsText("vm")).containsExactly("vm1", "vm2", "vm3");
        assertThat(analysis.at("/vms/0/queue/predictedGrowthPerSecond").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(analysis.at("/verdict/violations")).isEmpty();
        // added with the delivery accounting: no outages, every message received or still queued or on its way
        assertThat(analysis.get("outages").isArray()).isTrue();
        assertThat(analysis.get("outages")).isEmpty();
        JsonNode delivery = analysis.get("delivery");
        assertThat(delivery.get("addressed").asLong()).isPositive()
                .isEqualTo(delivery.get("received").asLong() + delivery.get("undelivered").size());
        assertThat(delivery.get("undelivered").findValuesAsText("reason")).isNotEmpty().isSubsetOf("QUEUED", "IN_TRANSIT");
        assertThat(delivery.get("lost")).isEmpty();
    }

    @Test
    void anExperimentsAnalysisHasEachVariationWithItsRuns() {
        JsonNode analysis = json(api.get("/api/experiments/" + experimentId + "/analysis"));

        assertThat(analysis.get("variations").findValuesAsText("label")).containsExactly("a", "b");
        assertThat(analysis.at("/variations/0/meanJump/n").asInt()).isEqualTo(2);
    }

    @Test
    void aRunsStatisticsDownloadAsCsvWithARowPerVm() {
        ResponseEntity<String> csv = api.get("/runs/" + runId + "/stats.csv");

        assertThat(csv.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo(runId + "-stats.csv");
        assertThat(csv.getBody().lines()).hasSize(4).first().asString().startsWith("run_id,vm");
    }

    @Test
    void aRunsLogsDownloadAsAZipOfItsJsonLines() throws IOException {
        assertThat(entries(bytes("/runs/" + runId + "/logs.zip")))
                .containsExactly(runId + "/vm1.jsonl", runId + "/vm2.jsonl", runId + "/vm3.jsonl");
    }

    @Test
    void anExperimentsLogsZipHasAFolderPerRun() throws IOException {
        assertThat(entries(bytes("/experiments/" + experimentId + "/logs.zip"))).hasSize(4 * 3)
                .contains(runId + "/vm1.jsonl");
        assertThat(api.get("/experiments/" + experimentId + "/stats.csv").getBody()).startsWith("variation,metric");
    }

    @Test
    void thePagesAreHtml() {
        for (String path : List.of("/", "/runs/" + runId, "/runs/" + runId + "?from=2&to=4", "/experiments/" + experimentId)) {
            ResponseEntity<String> page = api.get(path);
            assertThat(page.getStatusCode().value()).as(path).isEqualTo(200);
            assertThat(page.getBody()).as(path).startsWith("<!doctype html>");
        }
    }

    @Test
    void aBadSpaceTimeWindowIs400AndUnknownIdsAre404() {
        assertThat(api.get("/runs/" + runId + "?from=soon").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/runs/no-such-run").getStatusCode().value()).isEqualTo(404);
        assertThat(api.get("/runs/no-such-run/logs.zip").getStatusCode().value()).isEqualTo(404);
        assertThat(api.get("/experiments/no-such-experiment").getStatusCode().value()).isEqualTo(404);
        assertThat(api.get("/api/runs/no-such-run/analysis").getStatusCode().value()).isEqualTo(404);
    }
}
