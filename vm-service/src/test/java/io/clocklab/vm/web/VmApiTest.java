package io.clocklab.vm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.control.Peer;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.MessageIds;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.VmClient;
import io.clocklab.vm.VmServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@VmServiceTest
class VmApiTest {

    @LocalServerPort
    int port;
    VmClient vm;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void client() {
        vm = new VmClient(port);
    }

    @Test
    void clockHasTheContractFieldsInOrder() {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(), 3, 10, 1);
        JsonNode clock = vm.clock();
        assertThat(clock.toString()).isEqualTo(
                "{\"vm\":\"vm1\",\"logicalClock\":0,\"clockRate\":3,\"queueLength\":0,\"state\":\"WAITING\",\"runId\":\"" + runId + "\"}");
    }

    @Test
    void logIsAJsonArray() {
        vm.setUp(VmClient.newRunId(), List.of(), 3, 10, 1);
        ResponseEntity<String> response = vm.http().get().uri("/log").retrieve().toEntity(String.class);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getBody()).isEqualTo("[]");
    }

    @ParameterizedTest
    @CsvSource({
            "from=0, 'from' must be between 1",
            "from=abc, 'from' must be a whole number",
            "limit=0, 'limit' must be between 1 and 10000",
            "limit=10001, 'limit' must be between 1 and 10000",
            "limit=-5, 'limit' must be between 1 and 10000",
            "from=1.5, 'from' must be a whole number"})
    void badLogParametersGetAProblem(String query, String detail) {
        ResponseEntity<String> response = vm.http().get().uri("/log?" + query).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains(detail);
    }

    @Test
    void controlWithoutTheSecretIsUnauthorized() {
        ResponseEntity<String> response = vm.http().put().uri("/internal/run").contentType(MediaType.APPLICATION_JSON)
                .body("{\"runId\":\"x\",\"peers\":[],\"clockRate\":1,\"randomRange\":10,\"seed\":1}").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anInvalidRunSetupSaysWhatIsWrong() {
        ResponseEntity<String> response = vm.http().put().uri("/internal/run").header("Authorization", "Bearer test-cluster-secret")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"runId\":\"x\",\"peers\":[],\"clockRate\":0,\"randomRange\":10,\"seed\":1}").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("clockRate must be between 1 and 10000, got 0");
    }

    @Test
    void startingARunThatWasNotSetUpIsAConflict() {
        vm.setUp(VmClient.newRunId(), List.of(), 3, 10, 1);
        ResponseEntity<String> response = vm.http().post().uri("/internal/run/start").header("Authorization", "Bearer test-cluster-secret")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"runId\":\"another\",\"startAt\":\"2026-01-01T00:00:00Z\"}").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getBody()).contains("not set up for run another");
    }

    @Test
    void healthIsJustUp() {
        assertThat(vm.get("/actuator/health").toString()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        assertThat(vm.get("/actuator").get("_links").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus");
    }

    @Test
    void theContractSeriesCarryTheVmLabel() {
        String metrics = vm.metrics();
        for (String series : List.of("vm_logical_clock{", "vm_message_queue_length{", "vm_clock_rate{",
                "vm_events_total{type=\"send\",vm=\"vm1\"}", "vm_events_total{type=\"receive\",vm=\"vm1\"}",
                "vm_events_total{type=\"internal\",vm=\"vm1\"}", "vm_clock_jump_count{", "vm_clock_jump_sum{",
                "vm_clock_jump_max{", "vm_rejected_frames_total{reason=\"malformed\",vm=\"vm1\"}")) {
            assertThat(metrics.lines().filter(line -> line.startsWith(series)))
                    .as(series).singleElement().asString().contains("vm=\"vm1\"");
        }
        assertThat(metrics).contains("# TYPE vm_logical_clock gauge", "# TYPE vm_events_total counter",
                "# TYPE vm_clock_jump histogram", "jvm_memory_used_bytes");
    }

    @Test
    void theSidePortsConnectionSeriesAreThereFromTheStartWithEveryReason() {
        String metrics = vm.metrics();
        for (String series : List.of("vm_refused_connections_total{reason=\"connection_limit\",vm=\"vm1\"}",
                "vm_refused_connections_total{reason=\"hello_timeout\",vm=\"vm1\"}",
                "vm_refused_connections_total{reason=\"read_timeout\",vm=\"vm1\"}",
                "vm_replaced_connections_total{vm=\"vm1\"}",
                "vm_side_port_connections{state=\"pending\",vm=\"vm1\"}",
                "vm_side_port_connections{state=\"authenticated\",vm=\"vm1\"}",
                "vm_unconfirmed_in_memory{vm=\"vm1\"}")) {
            assertThat(metrics.lines().filter(line -> line.startsWith(series))).as(series).hasSize(1);
        }
        assertThat(metrics).contains("# TYPE vm_refused_connections_total counter", "# TYPE vm_side_port_connections gauge");
    }

    @Test
    void theLogOfAnyRunIsServedFromItsFileBehindTheSecret() {
        String earlier = VmClient.newRunId();
        vm.setUp(earlier, List.of(), 50, 10, 1);
        vm.start(earlier, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));
        String earlierLog = vm.get("/log?limit=10000").toString();
        String current = VmClient.newRunId();
        vm.setUp(current, List.of(), 3, 10, 1);

        ResponseEntity<String> page = vm.internal("/internal/runs/" + earlier + "/log?from=2&limit=3");
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(page.getBody()).contains("\"seq\":2,", "\"seq\":4,").doesNotContain("\"seq\":5,", "\"seq\":1,");
        assertThat(vm.internal("/internal/runs/" + earlier + "/log?limit=10000").getBody()).isEqualTo(earlierLog);
        assertThat(vm.internal("/internal/runs/" + current + "/log").getBody()).isEqualTo("[]");
        assertThat(vm.http().get().uri("/internal/runs/" + earlier + "/log").retrieve().toEntity(String.class).getStatusCode().value())
                .isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource({
            "/internal/runs/no-such-run/log, 404, vm1 has no log for run no-such-run",
            "/internal/runs/_x/log, 400, '_x' is not a run id",
            "/internal/runs/any/log?from=0, 400, 'from' must be between 1",
            "/internal/runs/any/log?limit=x, 400, 'limit' must be a whole number",
            "/internal/runs/another-run/delivery, 409, not set up for run another-run"})
    void internalRunEndpointsAnswerProblems(String path, int status, String detail) {
        vm.setUp(VmClient.newRunId(), List.of(), 3, 10, 1);
        ResponseEntity<String> response = vm.internal(path);
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains(detail);
    }

    @Test
    void deliveryListsTheQueueAndWhatEachPeerHasNotConfirmed() throws Exception {
        String runId = VmClient.newRunId();
        try (FakePeer vm2 = new FakePeer("vm2")) {
            vm.setUp(runId, List.of(new Peer("vm2", vm2.address()), new Peer("vm3", "127.0.0.1:1")), 50, 2, 1);
            vm.start(runId, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));
            List<String> toVm3 = vm.log().stream().filter(e -> e.type() == EventType.SEND && e.to().contains("vm3"))
                    .map(Event::messageId).toList();
            assertThat(toVm3).isNotEmpty();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode delivery = json.readTree(vm.internal("/internal/runs/" + runId + "/delivery").getBody());
                assertThat(delivery.get("runId").asText()).isEqualTo(runId);
                assertThat(delivery.get("vm").asText()).isEqualTo("vm1");
                assertThat(delivery.get("queued")).isEmpty();
                JsonNode toVm2 = delivery.get("unconfirmed").get("vm2");
                assertThat(toVm2.get("upTo").asLong()).as("vm2 acked everything: an empty range").isEqualTo(toVm2.get("after").asLong());
                assertThat(delivery.get("unconfirmed").get("vm3")).as("all of them, from the first to the last")
                        .isEqualTo(json.readTree("{\"after\":0,\"upTo\":" + MessageIds.seqOf(toVm3.get(toVm3.size() - 1)) + "}"));
            });
        }
    }

    @Test
    void aVmSetUpAgainForARunItHasALogOfRejoinsIt() {
        String runId = VmClient.newRunId();
        Instant t0 = Instant.now();
        vm.setUp(runId, List.of(), 20, 10, 4);
        vm.start(runId, t0, 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.log().size() >= 5);
        vm.setUp(VmClient.newRunId(), List.of(), 20, 10, 4); // the run leaves this VM's memory, its file stays
        List<Event> before = vm.internalLog(runId);

        JsonNode rejoined = vm.setUpAnswer(runId, List.of(), 20, 10, 4);
        assertThat(rejoined.get("state").asText()).isEqualTo("WAITING");
        assertThat(rejoined.get("runId").asText()).isEqualTo(runId);
        assertThat(rejoined.get("logicalClock").asLong()).isEqualTo(before.get(before.size() - 1).logicalClock());
        vm.start(runId, t0, 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.log().size() >= before.size() + 5);
        vm.http().post().uri("/internal/run/stop").header("Authorization", "Bearer " + FakePeer.SECRET)
                .contentType(MediaType.APPLICATION_JSON).body("{\"runId\":\"" + runId + "\"}").retrieve().toBodilessEntity();

        List<Event> after = vm.log();
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after).extracting(Event::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, after.size()).boxed().toList());
        assertThat(RunChecker.check(Map.of("vm1", after)).violations()).isEmpty();
    }

    @Test
    void aPathTomcatRefusesIsAProblemNotAnHtmlPage() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/internal/runs/..%2f..%2fetc%2fpasswd/log")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(400);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(response.body()).contains("\"status\":400");
    }

    /** clocklab.http.max-request-body (64KB) holds on the VM too, before the secret is even looked at. */
    @Test
    void aControlBodyOverTheCapIs413WithoutBeingRead() {
        String huge = "{\"runId\":\"" + "r".repeat(200_000) + "\"}";
        ResponseEntity<String> response = vm.http().put().uri("/internal/run").contentType(MediaType.APPLICATION_JSON).body(huge)
                .retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).contains("over 65536 bytes");
        assertThat(vm.get("/actuator/health").get("status").asText()).isEqualTo("UP");
    }
}
