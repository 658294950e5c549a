package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The coordinator and three VMs from the project's images, talking raw TCP on a Docker network. */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final ClusterContainers cluster = new ClusterContainers();

    @BeforeAll
    static void start() {
        cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    @Order(1)
    void theDefaultRunStartsByItselfAndEveryEventFollowsTheRules() {
        await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(cluster().get("state").asText()));
        JsonNode vms = cluster().get("vms");
        // about 15 s of the run: every VM has logged at least 15 s worth of ticks
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (JsonNode vm : vms) {
                if (Http.log(cluster.vmUrl(vm.get("name").asText())).size() < 15 * vm.get("clockRate").asInt()) {
                    return false;
                }
            }
            return true;
        });

        Map<String, List<Event>> logs = ClusterLogs.readConsistently(ClusterContainers.VM_NAMES, cluster::vmUrl);
        CheckReport report = RunChecker.check(logs);

        assertThat(report.violations()).as("invariant violations").isEmpty();
        List<Event> all = logs.values().stream().flatMap(List::stream).toList();
        assertThat(all).extracting(Event::type).contains(EventType.SEND, EventType.RECEIVE, EventType.INTERNAL);
    }

    @Test
    @Order(2)
    void withRatesOneSixSixTheSlowVmsQueueGrowsAndItsJumpsAreLargest() {
        HttpResponse<String> created = Http.postJson(cluster.coordinatorUrl() + "/api/runs",
                "{\"clockRates\":{\"vm1\":1,\"vm2\":6,\"vm3\":6},\"seed\":42}");
        assertThat(created.statusCode()).isEqualTo(201);
        String runId = Http.parse(created.body()).get("id").asText();

        // 20 s of run: the fast VMs log 6 events a second
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.log(cluster.vmUrl("vm2")).size() >= 120);
        Map<String, List<Event>> logs = ClusterLogs.readConsistently(ClusterContainers.VM_NAMES, cluster::vmUrl);

        assertThat(logs.values()).allSatisfy(events -> assertThat(events).isNotEmpty());
        assertThat(RunChecker.check(logs).violations()).isEmpty();
        assertThat(Http.getJson(cluster.vmUrl("vm1") + "/clock").get("runId").asText()).isEqualTo(runId);
        List<Event> slow = logs.get("vm1");
        int early = slow.get(Math.min(4, slow.size() - 1)).queueLength();
        int late = slow.get(slow.size() - 1).queueLength();
        assertThat(late).as("vm1's queue after %d ticks (it was %d after 5)", slow.size(), early).isGreaterThan(early + 5);
        double slowJump = meanReceiveJump(slow);
        assertThat(slowJump).isGreaterThan(meanReceiveJump(logs.get("vm2"))).isGreaterThan(meanReceiveJump(logs.get("vm3")));
    }

    @Test
    @Order(3)
    void garbageOnTheSidePortIsRejectedAndTheVmKeepsTicking() throws IOException {
        String vm1 = cluster.vmUrl("vm1");
        double rejectedBefore = rejectedFrames(vm1);
        long clockBefore = Http.getJson(vm1 + "/clock").get("logicalClock").asLong();

        try (Socket socket = new Socket(cluster.vms.get("vm1").getHost(), cluster.vmSidePort("vm1"))) {
            OutputStream out = socket.getOutputStream();
            out.write("\u0000\u0000\u0000\u0030this is not a frame, but it is long enough to be read".getBytes());
            out.flush();
            assertThat(socket.getInputStream().read()).as("the VM closes the connection").isEqualTo(-1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> rejectedFrames(vm1) > rejectedBefore);
        await().atMost(Duration.ofSeconds(10)).until(() -> Http.getJson(vm1 + "/clock").get("logicalClock").asLong() > clockBefore + 2);
        assertThat(Http.getJson(vm1 + "/actuator/health").get("status").asText()).isEqualTo("UP");
        assertThat(Http.getJson(vm1 + "/clock").get("state").asText()).isEqualTo("RUNNING");
    }

    private static JsonNode cluster() {
        return Http.getJson(cluster.coordinatorUrl() + "/api/cluster");
    }

    private static double meanReceiveJump(List<Event> events) {
        long previous = 0;
        long sum = 0;
        int count = 0;
        for (Event event : events) {
            if (event.type() == EventType.RECEIVE) {
                sum += event.logicalClock() - previous;
                count++;
            }
            previous = event.logicalClock();
        }
        return count == 0 ? 0 : (double) sum / count;
    }

    private static double rejectedFrames(String vmUrl) {
        return Http.get(vmUrl + "/actuator/prometheus").lines()
                .filter(line -> line.startsWith("vm_rejected_frames_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
