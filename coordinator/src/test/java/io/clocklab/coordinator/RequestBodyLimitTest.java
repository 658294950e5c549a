package io.clocklab.coordinator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request body over {@code clocklab.http.max-request-body} (64KB) is refused with 413 before it
 * is parsed, whether it declares its length or comes chunked. Before, a 15 MB {@code POST /api/runs}
 * (a million clockRates) filled the coordinator's heap and the JVM exited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms"})
@AutoConfigureObservability
class RequestBodyLimitTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** {"clockRates":{"vm1":3,"vm2":3,...}} of about this many bytes. */
    private static byte[] manyRates(int bytes) {
        StringBuilder json = new StringBuilder("{\"clockRates\":{");
        for (int i = 1; json.length() < bytes; i++) {
            json.append(i == 1 ? "" : ",").append("\"vm").append(i).append("\":3");
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/runs"))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyThatDeclaresMoreThanTheCapIsRefusedUnread() throws Exception {
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(manyRates(15_000_000)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413", "over 65536 bytes", "clocklab.http.max-request-body", "\"instance\":\"/api/runs\"");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("UP");
    }

    @Test
    void aChunkedBodyIsCutAtTheCap() throws Exception {
        byte[] body = manyRates(1_000_000);
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("over 65536 bytes");
    }

    @Test
    void aBodyUnderTheCapIsReadAsBefore() throws Exception {
        String rates = new String(manyRates(60_000), StandardCharsets.UTF_8);
        String body = rates.substring(0, rates.length() - 1) + ",\"randomRange\":0}";
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

        assertThat(body.length()).isBetween(60_000, 65_536);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        // read and checked like any request (its faults depend on which VMs the shared context has registered)
        assertThat(response.body()).contains("\"title\":\"Invalid run request\"").doesNotContain("max-request-body");
    }
}
