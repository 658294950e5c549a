package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The coordinator's API as tests call it, answering every status instead of throwing. */
public final class CoordinatorTestSupport {

    public static final String SECRET = "test-cluster-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient http;

    public CoordinatorTestSupport(int port) {
        this.http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }

    public ResponseEntity<String> register(FakeVm vm) {
        return register(vm.registrationJson());
    }

    public ResponseEntity<String> register(String registrationJson) {
        return http.post().uri("/api/vms").header("Authorization", "Bearer " + SECRET)
                .contentType(MediaType.APPLICATION_JSON).body(registrationJson).retrieve().toEntity(String.class);
    }

    public ResponseEntity<String> post(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(String.class);
    }

    /** A POST with this {@code Authorization} header, or none when it is null. */
    public ResponseEntity<String> post(String path, String json, String authorization) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set("Authorization", authorization);
                    }
                }).body(json).retrieve().toEntity(String.class);
    }

    /** A DELETE with this {@code Authorization} header, or none when it is null. */
    public ResponseEntity<String> delete(String path, String authorization) {
        return http.delete().uri(path).headers(headers -> {
            if (authorization != null) {
                headers.set("Authorization", authorization);
            }
        }).retrieve().toEntity(String.class);
    }

    public ResponseEntity<String> get(String path) {
        return http.get().uri(path).retrieve().toEntity(String.class);
    }

    public static JsonNode json(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
