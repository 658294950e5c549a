package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registrations are heartbeats: a VM that goes silent is DOWN, new runs will not wait for it, and its name can be taken. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms",
        "clocklab.coordinator.heartbeat-timeout=1s"})
class ClusterHealthTest {

    static final List<FakeVm> VMS = FakeVms.create("vm1", "vm2", "vm3");

    @LocalServerPort
    int port;

    @AfterAll
    static void close() {
        VMS.forEach(FakeVm::close);
    }

    @Test
    void aSilentVmIsDownEverywhereAndRunsStartWithoutItUntilItIsBack() {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        VMS.forEach(api::register);
        String run = json(api.post("/api/runs", "{\"durationSeconds\":600}")).get("id").asText();

        // vm1 and vm2 keep their heartbeat; vm3 goes silent.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            api.register(VMS.get(0));
            api.register(VMS.get(1));
            JsonNode vm3 = json(api.get("/api/cluster")).get("vms").get(2);
            assertThat(vm3.get("health").asText()).isEqualTo("DOWN");
        });
        JsonNode targets = json(api.get("/api/prometheus/targets"));
        assertThat(targets.get(2).at("/labels/__meta_clocklab_health").asText()).isEqualTo("DOWN");
        assertThat(targets.get(0).at("/labels/__meta_clocklab_health").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(json(api.get("/api/runs/" + run)).get("outages").findValuesAsText("cause")).containsExactly("not heard from"));

        api.register(VMS.get(0));
        api.register(VMS.get(1));
        ResponseEntity<String> refused = api.post("/api/runs", "{}");
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText()).contains("2 of 3 registered and up").contains("DOWN").contains("vm3");

        // A silent VM's name may be taken by a VM at another address.
        ResponseEntity<String> moved = api.register("{\"name\":\"vm3\",\"httpUrl\":\"" + VMS.get(2).httpUrl()
                + "\",\"tcpAddress\":\"vm3-elsewhere:9000\",\"runId\":\"" + run + "\"}");
        assertThat(moved.getStatusCode().value()).isEqualTo(201);
        JsonNode outage = json(api.get("/api/runs/" + run)).get("outages").get(0);
        assertThat(outage.get("vm").asText()).isEqualTo("vm3");
        assertThat(outage.get("to").isNull()).as("closed when vm3 is heard from again, still in its run").isFalse();
        assertThat(json(api.get("/api/cluster")).get("vms").get(2).get("health").asText()).isEqualTo("UP");
    }
}
