package io.clocklab.vm.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.vm.VmServiceTest;
import io.clocklab.web.openapi.ContractEndpoints.Endpoint;
import io.clocklab.web.openapi.ContractEndpoints;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the contract's "VM HTTP API" is in the VM's OpenAPI spec, with the contract's
 * status codes, a problem+json body for each error, and an example.
 */
@VmServiceTest
class OpenApiContractTest {

    static final String SECTION = "VM HTTP API";

    /** CONTRACT.md's "VM HTTP API", as {@link ContractEndpoints} reads it; {@link #theTableIsTheContract} keeps it so. */
    static final List<Endpoint> CONTRACT = List.of(
            new Endpoint("GET", "/clock", 200),
            new Endpoint("GET", "/log", 200, 400),
            new Endpoint("GET", "/actuator/health", 200),
            new Endpoint("GET", "/actuator/prometheus", 200));

    @LocalServerPort
    int port;

    @Test
    void theTableIsTheContract() {
        Assumptions.assumeTrue(Files.isRegularFile(ContractEndpoints.FILE),
                () -> "no " + ContractEndpoints.FILE.toAbsolutePath().normalize() + ": the table is checked against it where it is");
        assertThat(ContractEndpoints.read(ContractEndpoints.FILE, SECTION).endpoints())
                .as("the endpoints of CONTRACT.md's \"%s\" (update CONTRACT in this test, then the annotations)", SECTION)
                .containsExactlyInAnyOrderElementsOf(CONTRACT);
    }

    @Test
    void everyContractEndpointIsInTheSpecWithItsStatusCodes() {
        JsonNode paths = OpenApiDocsTest.servedSpec(port).path("paths");
        for (Endpoint endpoint : CONTRACT) {
            JsonNode operation = paths.path(endpoint.path()).path(endpoint.method().toLowerCase(Locale.ROOT));
            assertThat(operation.isObject()).as("%s %s is in the spec", endpoint.method(), endpoint.path()).isTrue();
            JsonNode responses = operation.path("responses");
            for (int status : endpoint.statuses()) {
                JsonNode response = responses.path(Integer.toString(status));
                assertThat(response.isObject()).as("%s answers %d in the spec", endpoint, status).isTrue();
                assertThat(hasExample(response)).as("%s: the %d answer has an example", endpoint, status).isTrue();
                if (status >= 400) {
                    assertThat(response.path("content").has(ApiDocs.PROBLEM_JSON))
                            .as("%s: the %d answer is %s", endpoint, status, ApiDocs.PROBLEM_JSON).isTrue();
                }
            }
            if (operation.has("requestBody")) {
                assertThat(hasExample(operation.path("requestBody"))).as("%s: the request body has an example", endpoint).isTrue();
            }
        }
    }

    /** Whether some media type of a response or request body has an example. */
    static boolean hasExample(JsonNode bodyOrResponse) {
        for (JsonNode media : bodyOrResponse.path("content")) {
            if (media.has("example") || media.path("examples").size() > 0) {
                return true;
            }
        }
        return false;
    }
}
