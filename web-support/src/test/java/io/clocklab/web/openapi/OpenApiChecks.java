package io.clocklab.web.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.web.openapi.ContractEndpoints.Endpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each service's OpenAPI spec must hold, checked on the running service by a subclass that
 * starts it: it is served without credentials, with Swagger UI; the committed copy
 * ({@code docs/openapi/<service>.json}) is the served spec (with {@code -Dopenapi.write=true} the test
 * writes it); and every endpoint of the service's section of CONTRACT.md is in it, with the
 * contract's status codes, a problem+json body for each error, and an example.
 */
public abstract class OpenApiChecks {

    /** The module's name, which is also the committed copy's: {@code vm-service}, {@code coordinator}. */
    protected abstract String service();

    /** The heading of the service's section in CONTRACT.md. */
    protected abstract String contractSection();

    /** That section's endpoints, as {@link ContractEndpoints} reads them; {@link #theTableIsTheContract} keeps it so. */
    protected abstract List<Endpoint> contract();

    /** How the spec names its one server, {@code /}. */
    protected abstract String serverDescription();

    /** The running service's port. */
    protected abstract int port();

    private String regenerate() {
        return "./mvnw -pl " + service() + " -am test -Dtest=" + getClass().getSimpleName()
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true";
    }

    /** The spec as the running service serves it, without credentials. */
    protected JsonNode servedSpec() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /v3/api-docs: " + response.body()).isEqualTo(200);
        return OpenApiDocs.parse(response.body());
    }

    @Test
    void theCommittedSpecIsTheServedOne() throws Exception {
        JsonNode served = OpenApiDocs.normalized(servedSpec());
        Path committed = OpenApiDocs.committedCopy(service());
        if (OpenApiDocs.WRITE) {
            OpenApiDocs.write(committed, served);
        }
        assertThat(Files.isRegularFile(committed)).as("docs/openapi/%s.json is missing: run %s", service(), regenerate()).isTrue();
        List<String> differences = OpenApiDocs.differences(OpenApiDocs.normalized(OpenApiDocs.read(committed)), served, 10);
        assertThat(differences).as("docs/openapi/%s.json is out of date: run %s%nIt differs at", service(), regenerate()).isEmpty();
    }

    /** springdoc numbers clashing operation ids ({@code log_1}) in an order it does not fix: each must be named. */
    @Test
    void everyOperationIdIsItsOwn() throws Exception {
        List<String> ids = new ArrayList<>();
        servedSpec().path("paths").forEach(item -> item.forEach(operation -> ids.add(operation.path("operationId").asText())));
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+"));
    }

    @Test
    void theSpecNamesAFixedServer() throws Exception {
        assertThat(servedSpec().path("servers").toString()).isEqualTo("[{\"url\":\"/\",\"description\":\"" + serverDescription() + "\"}]");
    }

    @Test
    void swaggerUiNeedsNoCredentials() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/swagger-ui.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Swagger UI");
    }

    @Test
    void theTableIsTheContract() {
        Assumptions.assumeTrue(Files.isRegularFile(ContractEndpoints.FILE),
                () -> "no " + ContractEndpoints.FILE.toAbsolutePath().normalize() + ": the table is checked against it where it is");
        assertThat(ContractEndpoints.read(ContractEndpoints.FILE, contractSection()).endpoints())
                .as("the endpoints of CONTRACT.md's \"%s\" (update contract() in this test, then the annotations)", contractSection())
                .containsExactlyInAnyOrderElementsOf(contract());
    }

    @Test
    void everyContractEndpointIsInTheSpecWithItsStatusCodes() throws Exception {
        JsonNode paths = servedSpec().path("paths");
        for (Endpoint endpoint : contract()) {
            JsonNode operation = paths.path(endpoint.path()).path(endpoint.method().toLowerCase(Locale.ROOT));
            assertThat(operation.isObject()).as("%s %s is in the spec", endpoint.method(), endpoint.path()).isTrue();
            JsonNode responses = operation.path("responses");
            for (int status : endpoint.statuses()) {
                JsonNode response = responses.path(Integer.toString(status));
                assertThat(response.isObject()).as("%s answers %d in the spec", endpoint, status).isTrue();
                assertThat(hasExample(response)).as("%s: the %d answer has an example", endpoint, status).isTrue();
                if (status >= 400) {
                    assertThat(response.path("content").has(MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                            .as("%s: the %d answer is %s", endpoint, status, MediaType.APPLICATION_PROBLEM_JSON_VALUE).isTrue();
                }
            }
            if (operation.has("requestBody")) {
                assertThat(hasExample(operation.path("requestBody"))).as("%s: the request body has an example", endpoint).isTrue();
            }
        }
    }

    /** Whether some media type of a response or request body has an example. */
    private static boolean hasExample(JsonNode bodyOrResponse) {
        for (JsonNode media : bodyOrResponse.path("content")) {
            if (media.has("example") || media.path("examples").size() > 0) {
                return true;
            }
        }
        return false;
    }
}
