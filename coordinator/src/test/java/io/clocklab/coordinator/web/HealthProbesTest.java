package io.clocklab.coordinator.web;

import io.clocklab.coordinator.CoordinatorTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The health groups the Kubernetes manifests' probes read, with the setting the manifests give. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoint.health.probes.enabled=true",
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.expected-vms=0",
        "clocklab.coordinator.vm-dns-name=vm.clocklab.svc.cluster.local",
        "clocklab.coordinator.data-dir=${java.io.tmpdir}/clocklab-probes-${random.uuid}"})
class HealthProbesTest {

    @LocalServerPort
    int port;

    @Test
    void livenessAndReadinessAreUpWithTheManifestsSettings() {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        for (String group : new String[]{"liveness", "readiness"}) {
            var answer = api.get("/actuator/health/" + group);
            assertThat(answer.getStatusCode().value()).as(group).isEqualTo(200);
            assertThat(answer.getBody()).as(group).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(api.post("/api/runs", "{}").getBody()).as("no VM has an address under that name here, and a run needs one at least")
                .contains("waiting for VMs: 0 of 1 (0 + 0 addresses of 'vm.clocklab.svc.cluster.local')");
    }
}
