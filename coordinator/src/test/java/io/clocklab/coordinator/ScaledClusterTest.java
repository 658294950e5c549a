package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.coordinator.cluster.HostResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker compose up --scale vm=3}, as the coordinator sees it: one fixed VM (expected-vms 1),
 * and replicas that ask for their names and are counted by the addresses of the service's DNS name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.expected-vms=1",
        "clocklab.coordinator.vm-dns-name=vm",
        "clocklab.coordinator.data-dir=${java.io.tmpdir}/clocklab-scaled-${random.uuid}"})
class ScaledClusterTest {

    /** What the DNS name {@code vm} answers: one address per replica container. */
    static final List<InetAddress> REPLICAS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Dns {
        @Bean
        @Primary
        HostResolver replicaDns() {
            return host -> {
                if (!host.equals("vm") || REPLICAS.isEmpty()) {
                    throw new UnknownHostException(host);
                }
                return List.copyOf(REPLICAS);
            };
        }
    }

    static final List<FakeVm> VMS = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    HostResolver resolver;

    @AfterAll
    static void close() {
        VMS.forEach(FakeVm::close);
    }

    private String lease(CoordinatorTestSupport api, String instance) {
        var response = api.post("/api/vms/names", "{\"instance\":\"" + instance + "\"}", "Bearer " + CoordinatorTestSupport.SECRET);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode lease = json(response);
        assertThat(lease.get("instance").asText()).isEqualTo(instance);
        return lease.get("name").asText();
    }

    @Test
    void replicasGetTheNamesAfterTheFixedOnesAndTheDefaultRunWaitsForAsManyAsTheDnsNameHasAddresses() throws Exception {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        for (int i = 0; i < 3; i++) {
            REPLICAS.add(InetAddress.getByAddress(new byte[]{10, 0, 0, (byte) (10 + i)}));
        }
        assertThat(api.post("/api/vms/names", "{\"instance\":\"c0ffee000001\"}", null).getStatusCode().value())
                .as("only holders of the cluster secret get names").isEqualTo(401);
        assertThat(api.post("/api/vms/names", "{\"instance\":\"../etc\"}", "Bearer " + CoordinatorTestSupport.SECRET)
                .getStatusCode().value()).isEqualTo(400);

        List<String> names = List.of(lease(api, "c0ffee000001"), lease(api, "c0ffee000002"), lease(api, "c0ffee000003"));
        assertThat(names).containsExactly("vm2", "vm3", "vm4");
        assertThat(lease(api, "c0ffee000002")).as("a restarted replica keeps its name").isEqualTo("vm3");

        VMS.addAll(FakeVms.create("vm1", "vm2", "vm3", "vm4"));
        for (FakeVm vm : VMS.subList(0, 3)) {
            api.register(vm);
        }
        assertThat(json(api.get("/api/cluster")).get("state").asText()).as("3 of 1 + 3").isEqualTo("WAITING");
        var early = api.post("/api/runs", "{}");
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(json(early).get("detail").asText()).contains("3 of 4 (1 + 3 addresses of 'vm')");

        api.register(VMS.get(3));

        await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get("/api/cluster")).get("state").asText().equals("RUNNING"));
        JsonNode setUp = VMS.get(3).calls("/internal/run").get(0).body();
        assertThat(setUp.get("peers").findValuesAsText("name")).containsExactly("vm1", "vm2", "vm3");
        assertThat(json(api.get("/api/prometheus/targets")).findValuesAsText("vm")).containsExactly("vm1", "vm2", "vm3", "vm4");

        // a replica stopping cleanly gives its name to the container replacing it
        assertThat(api.delete("/api/vms/names/c0ffee000003", null).getStatusCode().value()).isEqualTo(401);
        assertThat(api.delete("/api/vms/names/c0ffee000003", "Bearer " + CoordinatorTestSupport.SECRET).getStatusCode().value())
                .isEqualTo(204);
        assertThat(lease(api, "c0ffee000009")).isEqualTo("vm4");
    }
}
