package io.clocklab.vm.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clocklab.core.control.ClockView;
import io.clocklab.core.control.DeliveryState;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.RunStop;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.SentRange;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.VmServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The VM and the coordinator speak through clock-core's control records ({@code core.control}): the
 * coordinator sends {@link RunSetup}, {@link RunStart} and {@link RunStop} and reads {@link ClockView}
 * and {@link DeliveryState}. Here the real VM gets requests serialized from those records, and its
 * answers are read back into them strictly: a field the VM writes that the record does not have, or
 * a field the record needs that the VM leaves out, fails this test, so the two sides cannot drift.
 */
@VmServiceTest
class ControlContractTest {

    /** As strict as a contract test must be: unknown fields and missing primitives fail. */
    private static final ObjectMapper STRICT = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    @LocalServerPort
    int port;

    private <T> T exchange(String method, String path, Object body, Class<T> answer) throws Exception {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + FakePeer.SECRET).build();
        RestClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ResponseEntity<String> response = request.retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(method + " " + path + ": " + response.getBody()).isEqualTo(200);
        return STRICT.readValue(response.getBody(), answer);
    }

    @Test
    void everyControlRequestIsTakenAsTheCoordinatorsRecordAndEveryAnswerReadsBackStrictly() throws Exception {
        String runId = "contract-" + System.nanoTime();
        // a peer that never answers: what the VM holds for it stays unconfirmed
        List<Peer> peers = List.of(new Peer("vm2", "127.0.0.1:9"));

        ClockView setUp = exchange("PUT", "/internal/run", new RunSetup(runId, peers, 50, 3, 7), ClockView.class);
        assertThat(setUp).isEqualTo(new ClockView("vm1", 0, 50, 0, VmState.WAITING, runId));

        ClockView started = exchange("POST", "/internal/run/start", new RunStart(runId, Instant.now(), 60), ClockView.class);
        assertThat(started.runId()).isEqualTo(runId);
        assertThat(started.state()).isEqualTo(VmState.RUNNING);
        await().atMost(Duration.ofSeconds(10)).until(() -> exchange("GET", "/clock", null, ClockView.class).logicalClock() >= 20);

        ClockView stopped = exchange("POST", "/internal/run/stop", new RunStop(runId), ClockView.class);
        assertThat(stopped.state()).isNotEqualTo(VmState.RUNNING);
        assertThat(exchange("GET", "/clock", null, ClockView.class)).isEqualTo(stopped);

        DeliveryState delivery = exchange("GET", "/internal/runs/" + runId + "/delivery", null, DeliveryState.class);
        assertThat(delivery.runId()).isEqualTo(runId);
        assertThat(delivery.vm()).isEqualTo("vm1");
        assertThat(delivery.queued()).isEmpty();
        // with randomRange 3 every roll sends, so vm2 was sent messages it never confirmed
        assertThat(delivery.unconfirmed()).containsOnlyKeys("vm2");
        SentRange toVm2 = delivery.unconfirmed().get("vm2");
        assertThat(toVm2.after()).isZero();
        assertThat(toVm2.upTo()).isPositive();
        assertThat(Map.of("vm2", toVm2)).isEqualTo(delivery.unconfirmed());
    }
}
