package io.clocklab.vm.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.vm.VmClient;
import io.clocklab.vm.VmServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@VmServiceTest
class VmApiTest {

    @LocalServerPort
    int port;
    VmClient vm;

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
        assertThat(response.getBody()).contains("clockRate must be between 1 and 1000, got 0");
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
}
