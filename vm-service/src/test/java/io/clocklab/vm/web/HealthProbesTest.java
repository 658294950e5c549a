package io.clocklab.vm.web;

import io.clocklab.vm.FakePeer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health groups the Kubernetes manifests' probes read, with the setting the manifests give
 * (MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true); without it (compose, swarm) they are not there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoint.health.probes.enabled=true",
        "clocklab.vm.name=vm-0",
        "clocklab.vm.side-port=0",
        "clocklab.cluster-secret=" + FakePeer.SECRET,
        "clocklab.vm.log-dir=${java.io.tmpdir}/clocklab-vm-probes-test/${random.uuid}"})
class HealthProbesTest {

    @LocalServerPort
    int port;

    @Test
    void livenessAndReadinessAreUpOnceTheVmServes() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
        for (String group : new String[]{"liveness", "readiness"}) {
            var answer = http.get().uri("/actuator/health/" + group).retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as(group).isEqualTo(200);
            assertThat(answer.getBody()).as(group).isEqualTo("{\"status\":\"UP\"}");
        }
    }
}
