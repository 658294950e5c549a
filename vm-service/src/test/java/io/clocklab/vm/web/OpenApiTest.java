package io.clocklab.vm.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.control.ClockView;
import io.clocklab.core.log.EventJson;
import io.clocklab.vm.VmClient;
import io.clocklab.vm.VmServiceTest;
import io.clocklab.web.openapi.ContractEndpoints.Endpoint;
import io.clocklab.web.openapi.OpenApiChecks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VM's OpenAPI spec ({@link OpenApiChecks}): served without the cluster secret, equal to
 * {@code docs/openapi/vm-service.json}, and holding the contract's "VM HTTP API". After a change to
 * the API: {@code ./mvnw -pl vm-service test -Dtest=OpenApiTest -Dopenapi.write=true}.
 */
@VmServiceTest
class OpenApiTest extends OpenApiChecks {

    @LocalServerPort
    int port;

    @Override
    protected String service() {
        return "vm-service";
    }

    @Override
    protected String contractSection() {
        return "VM HTTP API";
    }

    @Override
    protected List<Endpoint> contract() {
        return List.of(
                new Endpoint("GET", "/clock", 200),
                new Endpoint("GET", "/log", 200, 400),
                new Endpoint("GET", "/actuator/health", 200),
                new Endpoint("GET", "/actuator/prometheus", 200));
    }

    @Override
    protected String serverDescription() {
        return "this VM";
    }

    @Override
    protected int port() {
        return port;
    }

    /** The spec's examples are what the VM answers: read back strictly into its records, or equal to its real answer. */
    @Test
    void theExamplesAreTheVmsOwnAnswers() throws Exception {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        assertThat(strict.readValue(ApiDocs.CLOCK, ClockView.class).vm()).isEqualTo("vm1");
        for (JsonNode event : strict.readTree(ApiDocs.LOG)) {
            assertThat(EventJson.parse(java.nio.file.Path.of("ApiDocs.LOG"), 1, event.toString()).vm()).isEqualTo("vm1");
        }
        String refused = new VmClient(port).http().get().uri("/log?limit=20000").retrieve().body(String.class);
        assertThat(strict.readTree(refused)).isEqualTo(strict.readTree(ApiDocs.BAD_LOG_PARAMETER));
    }
}
