package io.clocklab.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The VM's HTTP API as the tests (and the coordinator) use it. */
public final class VmClient {

    private final RestClient http;
    private final ObjectMapper json = new ObjectMapper();

    public VmClient(int port) {
        this.http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    public RestClient http() {
        return http;
    }

    public JsonNode clock() {
        return get("/clock");
    }

    public JsonNode get(String path) {
        try {
            return json.readTree(http.get().uri(path).retrieve().body(String.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public List<Event> log() {
        List<Event> events = new ArrayList<>();
        for (JsonNode node : get("/log?limit=10000")) {
            events.add(EventJson.fromLine(node.toString()));
        }
        return events;
    }

    /** A run's whole log from {@code /internal/runs/{runId}/log}, whether or not it is the current run. */
    public List<Event> internalLog(String runId) {
        List<Event> events = new ArrayList<>();
        try {
            for (JsonNode node : json.readTree(internal("/internal/runs/" + runId + "/log?limit=10000").getBody())) {
                events.add(EventJson.fromLine(node.toString()));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return events;
    }

    public static String newRunId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void setUp(String runId, List<Peer> peers, int rate, int randomRange, long seed) {
        setUpAnswer(runId, peers, rate, randomRange, seed);
    }

    /** The set-up's answer: the VM's clock view. */
    public JsonNode setUpAnswer(String runId, List<Peer> peers, int rate, int randomRange, long seed) {
        String body = http.put().uri("/internal/run").header("Authorization", "Bearer " + FakePeer.SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new RunSetup(runId, peers, rate, randomRange, seed)).retrieve().body(String.class);
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public void start(String runId, Integer durationSeconds) {
        start(runId, Instant.now(), durationSeconds);
    }

    public void start(String runId, Instant startAt, Integer durationSeconds) {
        http.post().uri("/internal/run/start").header("Authorization", "Bearer " + FakePeer.SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new RunStart(runId, startAt, durationSeconds)).retrieve().toBodilessEntity();
    }

    /** A bearer-protected GET; the raw response. */
    public org.springframework.http.ResponseEntity<String> internal(String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + FakePeer.SECRET).retrieve().toEntity(String.class);
    }

    public String metrics() {
        return http.get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    /** The value of one Prometheus sample whose line starts with {@code prefix}, or 0 when absent. */
    public double sample(String prefix) {
        return metrics().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
