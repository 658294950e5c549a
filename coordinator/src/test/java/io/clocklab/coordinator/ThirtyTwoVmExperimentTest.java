package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A simulated experiment on a 32-VM cluster (expected-vms 32): run, analysed and reported like a 3-VM one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.expected-vms=32"})
class ThirtyTwoVmExperimentTest {

    static final List<String> NATURAL = IntStream.rangeClosed(1, 32).mapToObj(i -> "vm" + i).toList();

    @LocalServerPort
    int port;

    @Test
    void aSimulatedExperimentOfThirtyTwoVmsRunsAndItsReportShowsThemInNameOrder() {
        CoordinatorTestSupport api = new CoordinatorTestSupport(port);
        ResponseEntity<String> accepted = api.post("/api/experiments", """
                {"name":"thirty-two","runs":1,"durationSeconds":5,"seed":11,"mode":"simulated",
                 "variations":[{"label":"wide","randomRange":40,"clockRates":{"vm10":6,"vm32":1}}]}""");
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
        String id = json(accepted).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !json(api.get("/api/experiments/" + id)).get("state").asText().equals("RUNNING"));
        JsonNode done = json(api.get("/api/experiments/" + id));
        assertThat(done.get("state").asText()).isEqualTo("FINISHED");
        String runId = done.at("/runs/0/runId").asText();

        JsonNode run = json(api.get("/api/runs/" + runId));
        assertThat(run.get("clockRates").size()).isEqualTo(32);
        assertThat(run.at("/clockRates/vm10").asInt()).isEqualTo(6);
        JsonNode analysis = json(api.get("/api/runs/" + runId + "/analysis"));
        assertThat(analysis.get("vms")).hasSize(32);
        assertThat(analysis.at("/verdict/violations")).isEmpty();
        analysis.get("vms").forEach(vm -> assertThat(vm.get("receives").asLong()).as(vm.get("vm").asText()).isPositive());

        String page = api.get("/runs/" + runId).getBody();
        assertThat(page).startsWith("<!doctype html>");
        assertThat(attributeValues(page, "class=\"lane-label\" data-vm=\"([^\"]+)\"")).containsExactlyElementsOf(NATURAL);
        assertThat(page).contains("class=\"legend legend-columns\"");
        List<String> csv = api.get("/runs/" + runId + "/stats.csv").getBody().lines().skip(1).map(line -> line.split(",")[1]).toList();
        assertThat(csv).containsExactlyElementsOf(NATURAL);
    }

    private static List<String> attributeValues(String html, String regex) {
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(html);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }
}
