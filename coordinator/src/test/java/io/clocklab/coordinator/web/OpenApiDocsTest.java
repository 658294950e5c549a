package io.clocklab.coordinator.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.coordinator.CoordinatorTestSupport;
import io.clocklab.web.openapi.OpenApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator serves its OpenAPI spec and Swagger UI without credentials, and the committed copy,
 * {@code docs/openapi/coordinator.json}, is the spec it serves. After a change to the API:
 * {@code ./mvnw -pl coordinator test -Dtest=OpenApiDocsTest -Dopenapi.write=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms"})
@AutoConfigureObservability
class OpenApiDocsTest {

    static final String SERVICE = "coordinator";
    static final String REGENERATE = "./mvnw -pl " + SERVICE + " test -Dtest=OpenApiDocsTest -Dopenapi.write=true";

    @LocalServerPort
    int port;

    /** The spec as the running coordinator serves it, without credentials. */
    static JsonNode servedSpec(int port) {
        ResponseEntity<String> response = new CoordinatorTestSupport(port).get("/v3/api-docs");
        assertThat(response.getStatusCode().value()).as("GET /v3/api-docs: " + response.getBody()).isEqualTo(200);
        return OpenApiDocs.parse(response.getBody());
    }

    @Test
    void theCommittedSpecIsTheServedOne() {
        JsonNode served = OpenApiDocs.normalized(servedSpec(port));
        Path committed = OpenApiDocs.committedCopy(SERVICE);
        if (OpenApiDocs.WRITE) {
            OpenApiDocs.write(committed, served);
        }
        assertThat(Files.isRegularFile(committed)).as("docs/openapi/%s.json is missing: run %s", SERVICE, REGENERATE).isTrue();
        List<String> differences = OpenApiDocs.differences(OpenApiDocs.normalized(OpenApiDocs.read(committed)), served, 10);
        assertThat(differences).as("docs/openapi/%s.json is out of date: run %s%nIt differs at", SERVICE, REGENERATE).isEmpty();
    }

    /** springdoc numbers clashing operation ids ({@code log_1}) in an order it does not fix: each must be named. */
    @Test
    void everyOperationIdIsItsOwn() {
        List<String> ids = new ArrayList<>();
        servedSpec(port).path("paths").forEach(item -> item.forEach(operation -> ids.add(operation.path("operationId").asText())));
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+"));
    }

    @Test
    void theSpecNamesAFixedServer() {
        assertThat(servedSpec(port).path("servers").toString()).isEqualTo("[{\"url\":\"/\",\"description\":\"this coordinator\"}]");
    }

    @Test
    void swaggerUiNeedsNoCredentials() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Swagger UI");
    }
}
