package io.clocklab.coordinator.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.coordinator.CoordinatorTestSupport;
import io.clocklab.coordinator.run.RunRequest;
import io.clocklab.core.archive.ArchiveJson;
import io.clocklab.core.archive.Run;
import io.clocklab.web.openapi.ContractEndpoints.Endpoint;
import io.clocklab.web.openapi.OpenApiChecks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator's OpenAPI spec ({@link OpenApiChecks}): served without credentials, equal to
 * {@code docs/openapi/coordinator.json}, and holding the contract's "Coordinator HTTP API". After a
 * change to the API: {@code ./mvnw -pl coordinator test -Dtest=OpenApiTest -Dopenapi.write=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms"})
@AutoConfigureObservability
class OpenApiTest extends OpenApiChecks {

    @LocalServerPort
    int port;

    @Override
    protected String service() {
        return "coordinator";
    }

    @Override
    protected String contractSection() {
        return "Coordinator HTTP API";
    }

    @Override
    protected List<Endpoint> contract() {
        return List.of(
                new Endpoint("GET", "/api/cluster", 200),
                new Endpoint("POST", "/api/runs", 201, 400),
                new Endpoint("GET", "/api/runs/{id}", 200, 404),
                new Endpoint("GET", "/api/prometheus/targets", 200));
    }

    @Override
    protected String serverDescription() {
        return "this coordinator";
    }

    @Override
    protected int port() {
        return port;
    }

    /** The spec's examples are what the coordinator answers: read back strictly into its records, or equal to its real answer. */
    @Test
    void theExamplesAreTheCoordinatorsOwnAnswers() throws Exception {
        ObjectMapper strict = ArchiveJson.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        assertThat(strict.readValue(ApiDocs.CLUSTER, ClusterView.class).vms()).hasSize(3);
        assertThat(strict.readValue(ApiDocs.PROMETHEUS_TARGETS, ClusterController.TargetGroup[].class)).hasSize(3);
        assertThat(strict.readValue(ApiDocs.RUN_REQUEST, RunRequest.class).randomRange()).isEqualTo(10);
        assertThat(strict.readValue(ApiDocs.RUN_STARTED, Run.class).isRunning()).isTrue();
        assertThat(strict.readValue(ApiDocs.RUN_FINISHED, Run.class).delivery().received()).isEqualTo(287);
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        assertThat(strict.readTree(api.get("/api/runs/20261121-000000-0000").getBody())).isEqualTo(strict.readTree(ApiDocs.RUN_NOT_FOUND));
        String invalid = api.post("/api/runs", "{\"clockRateMin\":5,\"clockRateMax\":2,\"randomRange\":0}").getBody();
        assertThat(strict.readTree(invalid)).isEqualTo(strict.readTree(ApiDocs.INVALID_RUN));
    }
}
