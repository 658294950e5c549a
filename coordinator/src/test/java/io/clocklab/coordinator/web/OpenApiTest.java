package io.clocklab.coordinator.web;

import io.clocklab.coordinator.CoordinatorTestSupport;
import io.clocklab.web.openapi.ContractEndpoints.Endpoint;
import io.clocklab.web.openapi.OpenApiChecks;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

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
}
