package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms"})
class ExperimentApiTest {

    static final List<FakeVm> VMS = FakeVms.create("vm1", "vm2", "vm3");

    @LocalServerPort
    int port;
    CoordinatorTestSupport api;

    @BeforeEach
    void registerAll() {
        api = new CoordinatorTestSupport(port);
        VMS.forEach(api::register);
    }

    @AfterAll
    static void close() {
        VMS.forEach(FakeVm::close);
    }

    JsonNode awaitEnd(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !json(api.get("/api/experiments/" + id)).get("state").asText().equals("RUNNING"));
        return json(api.get("/api/experiments/" + id));
    }

    @Test
    void aSimulatedExperimentIsAcceptedAndRunsEveryVariationRunsTimes() {
        ResponseEntity<String> response = api.post("/api/experiments", """
                {"name":"spread","runs":3,"durationSeconds":20,"seed":7,"mode":"simulated",
                 "variations":[{"label":"wide","clockRates":{"vm1":1,"vm2":6,"vm3":6}},
                               {"label":"narrow","clockRateMin":3,"clockRateMax":4,"randomRange":5}]}""");

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String id = json(response).get("id").asText();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/experiments/" + id);
        JsonNode done = awaitEnd(id);
        assertThat(done.get("state").asText()).isEqualTo("FINISHED");
        assertThat(done.at("/progress/runsDone").asInt()).isEqualTo(6);
        assertThat(done.at("/progress/runsTotal").asInt()).isEqualTo(6);
        assertThat(done.at("/progress/timeLeftSeconds").asDouble()).isZero();
        JsonNode run = json(api.get("/api/runs/" + done.at("/runs/0/runId").asText()));
        assertThat(run.get("mode").asText()).isEqualTo("simulated");
        assertThat(run.get("experimentId").asText()).isEqualTo(id);
        assertThat(run.get("clockRates").toString()).isEqualTo("{\"vm1\":1,\"vm2\":6,\"vm3\":6}");
        assertThat(run.get("logsCollected").asBoolean()).isTrue();
    }

    @Test
    void aSimulatedVariationRunsTheClockAndSkewItAsksFor() throws Exception {
        JsonNode done = awaitEnd(json(api.post("/api/experiments", """
                {"name":"clocks","runs":1,"durationSeconds":5,"seed":7,"mode":"simulated",
                 "variations":[{"label":"lamport"},
                               {"label":"hybrid, vm2 ahead","clock":"hybrid","clockSkew":{"vm2":{"offsetMillis":80,"driftPpm":500}}},
                               {"label":"vector","clock":"vector"}]}""")).get("id").asText());
        assertThat(done.get("state").asText()).isEqualTo("FINISHED");
        JsonNode lamport = json(api.get("/api/runs/" + done.at("/runs/0/runId").asText()));
        JsonNode hybrid = json(api.get("/api/runs/" + done.at("/runs/1/runId").asText()));
        JsonNode vector = json(api.get("/api/runs/" + done.at("/runs/2/runId").asText()));
        assertThat(lamport.get("clock").asText()).isEqualTo("lamport");
        assertThat(hybrid.get("clock").asText()).isEqualTo("hybrid");
        assertThat(hybrid.at("/clockSkew/vm2/offsetMillis").asLong()).isEqualTo(80);
        assertThat(vector.get("clock").asText()).isEqualTo("vector");
        String hybridLog = zipped("/runs/" + hybrid.get("id").asText() + "/logs.zip");
        String vectorLog = zipped("/runs/" + vector.get("id").asText() + "/logs.zip");
        assertThat(hybridLog).contains("\"hlc\":{\"l\":").doesNotContain("vectorClock");
        assertThat(vectorLog).contains("\"vectorClock\":{").doesNotContain("\"hlc\"");

        JsonNode bounds = json(api.get("/api/runs/" + hybrid.get("id").asText() + "/hybrid"));
        assertThat(bounds.get("epsilonMillis").asLong()).as("80 ms + 500 ppm of 5 s, rounded up").isEqualTo(83);
        assertThat(bounds.get("vms")).hasSize(3).allSatisfy(vm -> assertThat(vm.get("monotonic").asBoolean()).isTrue());
        assertThat(bounds.get("vms")).allSatisfy(vm -> assertThat(vm.get("maxAheadMillis").asLong()).isBetween(0L, 83L));
        assertThat(json(api.get("/api/runs/" + lamport.get("id").asText() + "/hybrid")).get("reason").asText()).contains("hlc");
        assertThat(json(api.get("/api/runs/" + vector.get("id").asText() + "/causality")).at("/carriedVectors/different").asLong()).isZero();
        assertThat(json(api.get("/api/runs/" + vector.get("id").asText() + "/causality")).at("/carriedVectors/compared").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/runs/" + hybrid.get("id").asText()).getBody()).contains("id=\"hybrid-plot\"", "/api/runs/" + hybrid.get("id").asText() + "/hybrid"));
        assertThat(api.get("/runs/" + lamport.get("id").asText()).getBody()).doesNotContain("id=\"hybrid-plot\"");
    }

    /** Every file of a logs.zip, one after the other. */
    private String zipped(String path) throws java.io.IOException {
        byte[] zip = org.springframework.web.client.RestClient.create("http://localhost:" + port).get().uri(path).retrieve().body(byte[].class);
        StringBuilder text = new StringBuilder();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            while (in.getNextEntry() != null) {
                text.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    @Test
    void aVariationsBadClockOrSkewIsNamed() {
        ResponseEntity<String> response = api.post("/api/experiments", """
                {"name":"bad clocks","runs":1,"durationSeconds":5,"mode":"simulated",
                 "variations":[{"label":"x","clock":"sundial"},{"label":"y","clockSkew":{"vm1":{"driftPpm":1e9}}}]}""");
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(json(response).get("problems")).extracting(JsonNode::asText).contains(
                "variation 'x': clock must be one of lamport, vector, hybrid, got 'sundial'",
                "variation 'y': clockSkew.vm1.driftPpm must be between -100000 and 100000, got 1.0E9");
    }

    @Test
    void runIOfEveryVariationSharesItsSeed() {
        String id = json(api.post("/api/experiments", """
                {"name":"seeds","runs":2,"durationSeconds":1,"seed":7,"mode":"simulated",
                 "variations":[{"label":"a"},{"label":"b","randomRange":4}]}""")).get("id").asText();
        JsonNode runs = awaitEnd(id).get("runs");

        assertThat(runs.get(0).get("seed")).isEqualTo(runs.get(2).get("seed"));
        assertThat(runs.get(1).get("seed")).isEqualTo(runs.get(3).get("seed"));
        assertThat(runs.get(0).get("seed")).isNotEqualTo(runs.get(1).get("seed"));
    }

    @Test
    void badInputGets400ListingEveryProblem() {
        ResponseEntity<String> response = api.post("/api/experiments", """
                {"name":"","runs":0,"durationSeconds":-1,"mode":"quantum",
                 "variations":[{"label":"x","clockRates":{"vm9":0}},{"label":"x","randomRange":0}]}""");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(response).get("problems")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(json(response).get("problems").toString())
                .contains("name", "runs", "durationSeconds", "mode", "vm9", "used twice", "randomRange");
    }

    @Test
    void eachOutOfRangeFieldIsNamedWithItsBoundsAndTheValueGiven() {
        int before = json(api.get("/api/experiments")).size();
        ResponseEntity<String> response = api.post("/api/experiments", """
                {"name":"%s","runs":101,"durationSeconds":3601,"mode":"simulated","networkDelayMillis":-0.5}""".formatted("n".repeat(201)));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(json(response).get("problems")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "name must be 1 to 200 characters",
                "runs must be between 1 and 100, got 101",
                "durationSeconds must be between 1 and 3600, got 3601",
                "networkDelayMillis must be between 0 and 10000, got -0.5");
        assertThat(json(api.get("/api/experiments"))).as("nothing filed").hasSize(before);
    }

    @Test
    void theBiggestExperimentTheLimitsAllowIsRefusedWhenItsLogsWouldFillTheDisk() {
        ResponseEntity<String> tooBig = api.post("/api/experiments", """
                {"name":"a hundred hours","runs":100,"durationSeconds":3600,"mode":"simulated",
                 "variations":[{"label":"kHz","clockRates":{"vm1":1000,"vm2":1000,"vm3":1000}}]}""");

        assertThat(tooBig.getStatusCode().value()).isEqualTo(400);
        assertThat(json(tooBig).get("detail").asText()).contains("1,080,000,000 events", "at most 100,000,000");
        ResponseEntity<String> drawn = api.post("/api/experiments", """
                {"name":"drawn rates count at their highest","runs":20,"durationSeconds":3600,"mode":"simulated",
                 "variations":[{"label":"a","clockRateMin":1,"clockRateMax":1000}]}""");
        assertThat(drawn.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void anUnknownExperimentIs404() {
        assertThat(api.get("/api/experiments/exp-nope").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aLiveExperimentOwnsTheClusterRunsEachRunAndCollectsItsLogs() {
        ResponseEntity<String> response = api.post("/api/experiments",
                "{\"name\":\"live\",\"runs\":2,\"durationSeconds\":1,\"seed\":3}");
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String id = json(response).get("id").asText();

        assertThat(api.post("/api/runs", "{}").getStatusCode().value()).isEqualTo(409);
        assertThat(api.post("/api/experiments", "{\"name\":\"second\",\"mode\":\"simulated\"}").getStatusCode().value())
                .isEqualTo(409);
        JsonNode done = awaitEnd(id);

        assertThat(done.get("state").asText()).isEqualTo("FINISHED");
        for (JsonNode planned : done.get("runs")) {
            JsonNode run = json(api.get("/api/runs/" + planned.get("runId").asText()));
            assertThat(run.get("state").asText()).isEqualTo("FINISHED");
            assertThat(run.get("mode").asText()).isEqualTo("live");
            assertThat(run.get("logsCollected").asBoolean()).isTrue();
        }
        assertThat(api.post("/api/runs", "{}").getStatusCode().value()).isEqualTo(201);
    }
}
