package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/** With CLOCKLAB_API_TOKEN set, only its holders change anything under /api; reads and registration are as before. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.api-token=" + ApiTokenTest.TOKEN,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms"})
class ApiTokenTest {

    static final String TOKEN = "test-api-token";
    static final String BEARER = "Bearer " + TOKEN;
    static final String EXPERIMENT = """
            {"name":"tiny","runs":1,"durationSeconds":1,"seed":7,"mode":"simulated",
             "variations":[{"label":"one","clockRates":{"vm1":1,"vm2":2,"vm3":3}}]}""";

    static final List<FakeVm> VMS = FakeVms.create("vm1", "vm2", "vm3");

    @LocalServerPort
    int port;
    CoordinatorTestSupport api;

    @BeforeEach
    void registerAll() {
        api = new CoordinatorTestSupport(port);
        VMS.forEach(vm -> assertThat(api.register(vm).getStatusCode().is2xxSuccessful()).isTrue());
    }

    @AfterAll
    static void close() {
        VMS.forEach(FakeVm::close);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"Bearer wrong-token", "Bearer " + CoordinatorTestSupport.SECRET, TOKEN, "Bearer test-api-token-2", "Basic dGVzdA=="})
    void aRunWithoutTheTokenIs401AndSaysWhatToSend(String authorization) {
        int setUps = VMS.get(0).calls("/internal/run").size();

        ResponseEntity<String> response = api.post("/api/runs", "{}", authorization);

        assertUnauthorized(response);
        assertThat(VMS.get(0).calls("/internal/run")).hasSize(setUps);
    }

    @Test
    void anExperimentWithoutTheTokenIs401() {
        assertUnauthorized(api.post("/api/experiments", EXPERIMENT, null));
        assertUnauthorized(api.post("/api/experiments", EXPERIMENT, "Bearer nope"));
    }

    @Test
    void aCollectionWithoutTheTokenIs401() {
        String id = json(api.post("/api/runs", "{}", BEARER)).get("id").asText();

        assertUnauthorized(api.post("/api/runs/" + id + "/collect", "", null));
        assertUnauthorized(api.post("/api/runs/" + id + "/collect", "", "Bearer nope"));
        assertThat(api.post("/api/runs/" + id + "/collect", "", BEARER).getStatusCode().value()).isNotEqualTo(401);
    }

    @Test
    void withTheTokenRunsAndExperimentsAreAccepted() {
        ResponseEntity<String> run = api.post("/api/runs", "{\"seed\":1}", BEARER);
        assertThat(run.getStatusCode().value()).isEqualTo(201);
        assertThat(api.post("/api/experiments", EXPERIMENT, BEARER).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void readsStayOpen() {
        String id = json(api.post("/api/runs", "{}", BEARER)).get("id").asText();

        assertThat(api.get("/api/runs/" + id).getStatusCode().value()).isEqualTo(200);
        assertThat(api.get("/api/runs").getStatusCode().value()).isEqualTo(200);
        assertThat(api.get("/api/cluster").getStatusCode().value()).isEqualTo(200);
        assertThat(api.get("/api/experiments").getStatusCode().value()).isEqualTo(200);
        assertThat(api.get("/").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void withAnotherSecretAndATokenTheStartPageHasNoWarning() {
        assertThat(api.get("/").getBody()).doesNotContain("safety-warnings").doesNotContain("port 8080")
                .doesNotContain("default cluster secret");
    }

    @Test
    void registrationKeepsTheClusterSecretAndNotTheToken() {
        assertThat(api.register(VMS.get(0)).getStatusCode().is2xxSuccessful()).isTrue();

        ResponseEntity<String> withToken = api.post("/api/vms", VMS.get(0).registrationJson(), BEARER);
        assertThat(withToken.getStatusCode().value()).isEqualTo(401);
        assertThat(json(withToken).get("detail").asText()).contains("cluster secret");
    }

    private static void assertUnauthorized(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asText()).contains("Authorization: Bearer <API token>").contains("CLOCKLAB_API_TOKEN");
    }
}
