package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The contract's start-up behaviour: no request from anyone, yet a run starts once all VMs are in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET)
class DefaultRunTest {

    static final List<FakeVm> VMS = FakeVms.create("vm1", "vm2", "vm3");

    @LocalServerPort
    int port;

    @AfterAll
    static void close() {
        VMS.forEach(FakeVm::close);
    }

    @Test
    void theDefaultRunStartsWhenTheThirdVmRegistersAndNotBefore() {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        api.register(VMS.get(0));
        api.register(VMS.get(1));
        assertThat(json(api.get("/api/cluster")).get("state").asText()).isEqualTo("WAITING");
        assertThat(VMS.get(0).calls()).isEmpty();

        api.register(VMS.get(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get("/api/cluster")).get("state").asText().equals("RUNNING"));
        JsonNode cluster = json(api.get("/api/cluster"));
        String runId = cluster.get("runId").asText();
        for (FakeVm vm : VMS) {
            JsonNode setUp = vm.calls("/internal/run").get(0).body();
            assertThat(setUp.get("runId").asText()).isEqualTo(runId);
            assertThat(setUp.get("clockRate").asInt()).isBetween(1, 6);
            assertThat(setUp.get("randomRange").asInt()).isEqualTo(10);
            assertThat(setUp.get("peers").findValuesAsText("name"))
                    .containsExactlyElementsOf(VMS.stream().map(FakeVm::name).filter(n -> !n.equals(vm.name())).toList());
        }
        List<String> startInstants = VMS.stream().map(vm -> vm.calls("/internal/run/start").get(0).body().get("startAt").asText()).toList();
        assertThat(startInstants).as("everyone starts together").containsOnly(startInstants.get(0));
        assertThat(cluster.get("vms").findValuesAsText("name")).containsExactly("vm1", "vm2", "vm3");
        assertThat(cluster.get("vms").get(0).get("clockRate").asInt()).isBetween(1, 6);
    }
}
