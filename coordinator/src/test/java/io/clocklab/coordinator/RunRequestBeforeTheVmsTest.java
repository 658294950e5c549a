package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.model.RateAssignment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before the VMs have registered (none here), a run request that is wrong whatever VMs come is
 * refused as invalid input, 400 as the contract has it, not 409 "waiting for VMs"; a valid one waits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms",
        "clocklab.coordinator.expected-vms=3",
        "clocklab.coordinator.data-dir=${java.io.tmpdir}/clocklab-before-the-vms/${random.uuid}"}) // its own context: no VM ever registers
@AutoConfigureObservability
class RunRequestBeforeTheVmsTest {

    @LocalServerPort
    int port;

    @Test
    void anInvalidRequestIs400EvenBeforeTheVmsHaveRegistered() {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);

        ResponseEntity<String> invalid = api.post("/api/runs", """
                {"clockRates":{"vm3":0},"clockRateMin":5,"clockRateMax":2,"randomRange":0}""");
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(invalid).get("problems")).extracting(JsonNode::asText).containsExactly(
                "clockRateMin (5) must not be greater than clockRateMax (2)", "clockRates.vm3 must be between 1 and " + RateAssignment.MAX_RATE + ", got 0",
                "randomRange must be at least 1, got 0");

        ResponseEntity<String> valid = api.post("/api/runs", """
                {"clockRates":{"vm3":2},"randomRange":5}""");
        assertThat(valid.getStatusCode().value()).isEqualTo(409);
        assertThat(json(valid).get("detail").asText()).startsWith("waiting for VMs: 0 of 3");
        assertThat(json(api.get("/api/runs"))).as("nothing filed").isEmpty();
    }
}
