package io.clocklab.vm.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.vm.VmClient;
import io.clocklab.vm.VmServiceTest;
import io.clocklab.web.openapi.OpenApiDocs;
import org.junit.jupiter.api.Test;
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
 * The VM serves its OpenAPI spec and Swagger UI without the cluster secret, and the committed copy,
 * {@code docs/openapi/vm-service.json}, is the spec it serves. After a change to the API:
 * {@code ./mvnw -pl vm-service test -Dtest=OpenApiDocsTest -Dopenapi.write=true}.
 */
@VmServiceTest
class OpenApiDocsTest {

    static final String SERVICE = "vm-service";
    static final String REGENERATE = "./mvnw -pl " + SERVICE + " test -Dtest=OpenApiDocsTest -Dopenapi.write=true";

    @LocalServerPort
    int port;

    /** The spec as the running VM serves it, without credentials. */
    static JsonNode servedSpec(int port) {
        ResponseEntity<String> response = new VmClient(port).http().get().uri("/v3/api-docs").retrieve().toEntity(String.class);
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
        assertThat(servedSpec(port).path("servers").toString()).isEqualTo("[{\"url\":\"/\",\"description\":\"this VM\"}]");
    }

    @Test
    void swaggerUiNeedsNoSecret() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Swagger UI");
    }
}
