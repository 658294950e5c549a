package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
        "clocklab.coordinator.auto-start=false",
        "clocklab.coordinator.start-lead=50ms"})
@AutoConfigureObservability
class CoordinatorApiTest {

    static final List<FakeVm> VMS = FakeVms.create("vm1", "vm2", "vm3");

    @LocalServerPort
    int port;
    CoordinatorTestSupport api;

    @BeforeEach
    void registerAll() {
        api = new CoordinatorTestSupport(port);
        VMS.forEach(vm -> {
            vm.answer(200);
            vm.down(false);
            vm.noEndState(false);
            api.register(vm);
        });
    }

    @AfterAll
    static void close() {
        VMS.forEach(FakeVm::close);
    }

    @Test
    void theFixedRatesKeepTheOrderTheRequestGaveThem() {
        JsonNode run = json(api.post("/api/runs", "{\"clockRates\":{\"vm3\":6,\"vm1\":1,\"vm2\":2}}"));

        assertThat(run.get("fixedClockRates").toString()).isEqualTo("{\"vm3\":6,\"vm1\":1,\"vm2\":2}");
    }

    @Test
    void aRunWithFixedRatesAnswers201WithTheRun() {
        ResponseEntity<String> response = api.post("/api/runs",
                "{\"clockRates\":{\"vm1\":1,\"vm2\":6,\"vm3\":6},\"randomRange\":5,\"seed\":42}");

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        JsonNode run = json(response);
        assertThat(response.getHeaders().getLocation()).hasToString("/api/runs/" + run.get("id").asText());
        assertThat(run.get("state").asText()).isEqualTo("RUNNING");
        assertThat(run.get("clockRates").toString()).isEqualTo("{\"vm1\":1,\"vm2\":6,\"vm3\":6}");
        assertThat(run.get("randomRange").asInt()).isEqualTo(5);
        assertThat(run.get("seed").asLong()).isEqualTo(42);
        assertThat(json(api.get("/api/runs/" + run.get("id").asText()))).isEqualTo(run);
    }

    @Test
    void drawnRatesStayWithinTheBoundsAndFollowTheSeed() {
        JsonNode first = json(api.post("/api/runs", "{\"clockRateMin\":2,\"clockRateMax\":3,\"seed\":7,\"clockRates\":{\"vm2\":9}}"));
        JsonNode second = json(api.post("/api/runs", "{\"clockRateMin\":2,\"clockRateMax\":3,\"seed\":7,\"clockRates\":{\"vm2\":9}}"));

        assertThat(first.get("clockRates").get("vm1").asInt()).isBetween(2, 3);
        assertThat(first.get("clockRates").get("vm2").asInt()).isEqualTo(9);
        assertThat(second.get("clockRates")).isEqualTo(first.get("clockRates"));
        assertThat(second.get("id")).isNotEqualTo(first.get("id"));
    }

    @Test
    void aNewRunStopsThePreviousOneAndSetsUpEveryVmBeforeStartingAny() {
        String first = json(api.post("/api/runs", "{}")).get("id").asText();
        VMS.forEach(vm -> vm.calls().clear());

        String second = json(api.post("/api/runs", "{}")).get("id").asText();

        assertThat(json(api.get("/api/runs/" + first)).get("state").asText()).isEqualTo("STOPPED");
        for (FakeVm vm : VMS) {
            assertThat(vm.calls()).extracting(FakeVm.Call::path)
                    .containsExactly("/internal/run/stop", "/internal/run", "/internal/run/start");
            assertThat(vm.calls().get(0).body().get("runId").asText()).isEqualTo(first);
            assertThat(vm.calls().get(1).body().get("runId").asText()).isEqualTo(second);
        }
    }

    @Test
    void aRunWithADurationFinishesByItself() {
        String id = json(api.post("/api/runs", "{\"durationSeconds\":1}")).get("id").asText();
        assertThat(VMS.get(0).calls("/internal/run/start").get(VMS.get(0).calls("/internal/run/start").size() - 1)
                .body().get("durationSeconds").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> json(api.get("/api/runs/" + id)).get("state").asText().equals("FINISHED"));
        assertThat(json(api.get("/api/runs/" + id)).get("endedAt").isNull()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"clockRates\":{\"vm1\":0}}                 | clockRates.vm1 must be between 1 and 10000, got 0",
            "{\"clockRateMin\":5,\"clockRateMax\":2}      | clockRateMin (5) must not be greater than clockRateMax (2)",
            "{\"clockRateMin\":0}                         | clockRateMin must be at least 1, got 0",
            "{\"randomRange\":0}                          | randomRange must be at least 1, got 0",
            "{\"randomRange\":2147483647}                 | randomRange must be at most 1000000000, got 2147483647",
            "{\"durationSeconds\":0}                      | durationSeconds must be between 1 and 86400 (24 h), got 0",
            "{\"durationSeconds\":86401}                  | durationSeconds must be between 1 and 86400 (24 h), got 86401",
            "{\"durationSeconds\":2147483647}             | durationSeconds must be between 1 and 86400 (24 h), got 2147483647",
            "{\"clockRates\":{\"vm7\":2}}                 | clockRates names an unknown VM 'vm7'",
            "{\"clock\":\"atomic\"}                       | clock must be one of lamport, vector, hybrid, got 'atomic'",
            "{\"clockSkew\":{\"vm9\":{\"offsetMillis\":5}}} | clockSkew names vm9, which is not in the cluster",
            "{\"clockSkew\":{\"vm1\":{\"offsetMillis\":3600001}}} | clockSkew.vm1.offsetMillis must be between -3600000 and 3600000, got 3600001",
            "{\"clockSkew\":{\"vm1\":{\"driftPpm\":-200000}}} | clockSkew.vm1.driftPpm must be between -100000 and 100000, got -200000.0",
            "{\"clockSkew\":{\"vm1\":null}}               | clockSkew.vm1 must be an object {offsetMillis, driftPpm}",
            "{\"clockRate\":2}                            | not valid JSON for this endpoint",
            "{\"randomRange\":\"ten\"}                    | not valid JSON for this endpoint",
            "{\"seed\":                                   | not valid JSON for this endpoint"})
    void invalidRunRequestsGet400AndChangeNothing(String body, String detail) {
        String before = json(api.post("/api/runs", "{}")).get("id").asText();
        int callsBefore = VMS.get(0).calls().size();

        ResponseEntity<String> response = api.post("/api/runs", body);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json(response).get("detail").asText()).contains(detail);
        assertThat(json(api.get("/api/cluster")).get("runId").asText()).isEqualTo(before);
        assertThat(json(api.get("/api/runs/" + before)).get("state").asText()).isEqualTo("RUNNING");
        assertThat(VMS.get(0).calls()).hasSize(callsBefore);
    }

    @Test
    void theClockAndTheSkewsGoToEachVmAndIntoTheRunsRecord() {
        JsonNode run = json(api.post("/api/runs", "{\"clock\":\"hybrid\",\"clockSkew\":{\"vm2\":{\"offsetMillis\":-40,\"driftPpm\":250}}}"));
        assertThat(run.get("clock").asText()).isEqualTo("hybrid");
        assertThat(run.get("clockSkew").get("vm2").get("offsetMillis").asLong()).isEqualTo(-40);
        for (var vm : VMS) {
            JsonNode setup = vm.calls("/internal/run").get(vm.calls("/internal/run").size() - 1).body();
            assertThat(setup.get("clock").asText()).isEqualTo("hybrid");
            JsonNode skew = setup.get("clockSkew");
            if (vm.name().equals("vm2")) {
                assertThat(skew.get("offsetMillis").asLong()).isEqualTo(-40);
                assertThat(skew.get("driftPpm").asDouble()).isEqualTo(250.0);
            } else {
                assertThat(skew.get("offsetMillis").asLong()).isZero();
            }
        }
        JsonNode lamport = json(api.post("/api/runs", "{}"));
        assertThat(lamport.get("clock").asText()).as("the default").isEqualTo("lamport");
        assertThat(lamport.get("clockSkew")).isEmpty();
    }

    @Test
    void aRunOfExactly24HoursIsAccepted() {
        assertThat(api.post("/api/runs", "{\"durationSeconds\":86400}").getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void aTooLongDurationIsListedWithTheOtherProblems() {
        JsonNode problem = json(api.post("/api/runs", "{\"randomRange\":0,\"durationSeconds\":86401}"));
        assertThat(problem.get("problems")).extracting(JsonNode::asText).containsExactly(
                "randomRange must be at least 1, got 0", "durationSeconds must be between 1 and 86400 (24 h), got 86401");
    }

    @Test
    void withoutAnApiTokenTheStartPageSaysAnyoneCanStartRunsButNotThatTheSecretIsTheDefault() {
        String page = api.get("/").getBody();
        assertThat(page).contains("id=\"safety-warnings\"").contains("anyone who can reach port 8080 can start runs")
                .doesNotContain("default cluster secret");
    }

    @Test
    void everyProblemIsListed() {
        JsonNode problem = json(api.post("/api/runs", "{\"clockRateMin\":9,\"clockRateMax\":3,\"randomRange\":0}"));
        assertThat(problem.get("problems")).hasSize(2);
        assertThat(problem.get("problemCount").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestWithThousandsOfProblemsGetsAShortAnswerThatCountsThem() {
        String rates = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> "\"v" + i + "\":1")
                .collect(java.util.stream.Collectors.joining(",", "{\"clockRates\":{", "}}"));

        ResponseEntity<String> response = api.post("/api/runs", rates);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("problems")).hasSize(20);
        assertThat(problem.get("problemCount").asInt()).isEqualTo(5_000);
        assertThat(problem.get("detail").asText()).endsWith("; and 4980 more problems");
        assertThat(response.getBody().length()).isLessThan(10_000);
    }

    @Test
    void anUnknownRunIs404() {
        ResponseEntity<String> response = api.get("/api/runs/nope");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json(response).get("detail").asText()).isEqualTo("no run with id 'nope'");
    }

    @Test
    void happensBeforeAndTheShivizLogOfAnUnknownRunAre404AndALiveRunHasNoShivizLogYet() {
        for (String path : List.of("/api/runs/nope/causality", "/runs/nope/shiviz.log")) {
            ResponseEntity<String> response = api.get(path);
            assertThat(response.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String live = json(api.post("/api/runs", "{}")).get("id").asText();

        ResponseEntity<String> shiviz = api.get("/runs/" + live + "/shiviz.log");

        assertThat(shiviz.getStatusCode().value()).isEqualTo(409);
        assertThat(json(shiviz).get("detail").asText()).isEqualTo("run " + live
                + " is still running; its ShiViz log is made from the logs collected when it ends");
    }

    @Test
    void aVmThatRefusesTheRunGives503() {
        VMS.get(1).answer(500);
        ResponseEntity<String> response = api.post("/api/runs", "{}");
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(json(response).get("detail").asText()).startsWith("vm2 did not accept the run set-up");
    }

    @Test
    void aVmThatRefusesTheSetUpHasTheOthersToldToStopTheNewRun() {
        VMS.get(1).answer(500);
        api.post("/api/runs", "{}");
        List<FakeVm.Call> stops = VMS.get(0).calls("/internal/run/stop");
        String setUp = VMS.get(0).calls("/internal/run").get(VMS.get(0).calls("/internal/run").size() - 1).body().get("runId").asText();
        assertThat(stops.get(stops.size() - 1).body().get("runId").asText()).isEqualTo(setUp);
    }

    @Test
    void aRunStartWhileAVmDoesNotAnswerLeavesTheCurrentRunUntouched() {
        String before = json(api.post("/api/runs", "{}")).get("id").asText();
        int setUpsBefore = VMS.get(0).calls("/internal/run").size();
        VMS.get(2).down(true);

        ResponseEntity<String> response = api.post("/api/runs", "{}");

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(json(response).get("detail").asText()).startsWith("vm3 did not accept the clock").contains("the current run was left as it was");
        assertThat(json(api.get("/api/cluster")).get("runId").asText()).isEqualTo(before);
        assertThat(json(api.get("/api/runs/" + before)).get("state").asText()).isEqualTo("RUNNING");
        assertThat(VMS.get(0).calls("/internal/run")).hasSize(setUpsBefore);
        assertThat(VMS.get(0).calls("/internal/run/stop").stream().map(call -> call.body().get("runId").asText())).doesNotContain(before);
    }

    @Test
    void aVmThatRestartsMidRunIsHandedTheSameRunAndItsOutageIsRecorded() {
        JsonNode run = json(api.post("/api/runs", "{\"durationSeconds\":600,\"clockRates\":{\"vm1\":2,\"vm2\":3,\"vm3\":4}}"));
        String id = run.get("id").asText();
        int setUps = VMS.get(1).calls("/internal/run").size();

        VMS.get(1).restart();
        api.register(VMS.get(1)); // what a restarted VM says: no run

        await().atMost(Duration.ofSeconds(10)).until(() -> VMS.get(1).calls("/internal/run/start").stream()
                .anyMatch(call -> call.body().get("runId").asText().equals(id) && VMS.get(1).calls("/internal/run").size() > setUps));
        JsonNode setUp = VMS.get(1).calls("/internal/run").get(VMS.get(1).calls("/internal/run").size() - 1).body();
        assertThat(setUp.get("runId").asText()).isEqualTo(id);
        assertThat(setUp.get("clockRate").asInt()).isEqualTo(3);
        assertThat(setUp.get("peers").findValuesAsText("name")).containsExactly("vm1", "vm3");
        JsonNode start = VMS.get(1).calls("/internal/run/start").get(VMS.get(1).calls("/internal/run/start").size() - 1).body();
        assertThat(java.time.Instant.parse(start.get("startAt").asText())).isEqualTo(java.time.Instant.parse(run.get("startAt").asText()));
        assertThat(start.get("durationSeconds").asInt()).isEqualTo(600);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode outages = json(api.get("/api/runs/" + id)).get("outages");
            assertThat(outages).hasSize(1);
            assertThat(outages.get(0).get("vm").asText()).isEqualTo("vm2");
            assertThat(outages.get(0).get("cause").asText()).isEqualTo("restarted");
            assertThat(outages.get(0).get("to").isNull()).isFalse();
        });
        assertThat(json(api.get("/api/runs/" + id)).get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aVmStillRecoveringWhenItsRunIsReplacedIsUpInTheNewRunAndDelaysNoEnd() {
        api.post("/api/runs", "{\"durationSeconds\":600}");
        VMS.get(1).answer(503); // it cannot take its run back yet
        VMS.get(1).restart();
        api.register(VMS.get(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> "RECOVERING".equals(json(api.get("/api/cluster")).get("vms").get(1).get("health").asText()));

        VMS.get(1).answer(200);
        String next = json(api.post("/api/runs", "{\"durationSeconds\":1}")).get("id").asText();

        // before: the flag of the replaced run stayed, vm2 showed RECOVERING for good and every run's end waited 15 s for it
        assertThat(json(api.get("/api/cluster")).get("vms").get(1).get("health").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(8)).until(() -> !"RUNNING".equals(json(api.get("/api/runs/" + next)).get("state").asText()));
    }

    @Test
    void aStaleHeartbeatWithoutTheRunDoesNotResetAVmThatHoldsIt() {
        String id = json(api.post("/api/runs", "{\"durationSeconds\":600}")).get("id").asText();
        int setUps = VMS.get(2).calls("/internal/run").size();

        api.register(VMS.get(2).registrationJson(null)); // sent before its set-up, arriving after the start

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(json(api.get("/api/runs/" + id)).get("outages").get(0).get("to").isNull()).isFalse());
        assertThat(VMS.get(2).calls("/internal/run")).as("no second set-up").hasSize(setUps);
        assertThat(json(api.get("/api/cluster")).get("vms").get(2).get("health").asText()).isEqualTo("UP");
    }

    @Test
    void aVmThatGivesNoEndStateCountsAsDownAtTheEndSoItsMessagesAreNotCalledLost() {
        String id = json(api.post("/api/runs", "{}")).get("id").asText();
        java.time.Instant t = java.time.Instant.now();
        // vm1 sent vm2-bound message vm1-1, which vm2 never logged: only vm2's end state could say where it is.
        VMS.get(0).log(List.of(io.clocklab.core.model.Event.send(1, "vm1", t, 1, 0, List.of("vm2"), "vm1-1")));
        VMS.get(1).log(List.of(io.clocklab.core.model.Event.internal(1, "vm2", t.plusMillis(500), 1, 0)));
        VMS.get(2).log(List.of(io.clocklab.core.model.Event.internal(1, "vm3", t.plusMillis(500), 1, 0)));
        VMS.get(1).noEndState(true);

        api.post("/api/runs", "{}"); // ends the run

        JsonNode ended = json(api.get("/api/runs/" + id));
        assertThat(ended.get("outages").findValuesAsText("vm")).containsExactly("vm2");
        assertThat(ended.get("outages").get(0).get("cause").asText()).isEqualTo("did not answer at the end");
        assertThat(ended.at("/delivery/lost").asLong()).isZero();
        assertThat(ended.at("/delivery/undelivered/RECIPIENT_DOWN").asLong()).isEqualTo(1);
    }

    @Test
    void aSecondVmCannotTakeALiveVmsName() {
        ResponseEntity<String> response = api.register("{\"name\":\"vm1\",\"httpUrl\":\"http://rogue:8080\",\"tcpAddress\":\"rogue:9000\"}");

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json(response).get("detail").asText()).contains("vm1 is registered at " + VMS.get(0).httpUrl());
        assertThat(json(api.get("/api/cluster")).get("vms").get(0).get("httpUrl").asText()).isEqualTo(VMS.get(0).httpUrl());
    }

    @Test
    void collectingAgainSaysWhatIsStillMissing() {
        String first = json(api.post("/api/runs", "{}")).get("id").asText();
        assertThat(api.post("/api/runs/" + first + "/collect", "").getStatusCode().value()).isEqualTo(409);
        api.post("/api/runs", "{}"); // ends the first run, whose logs are collected on the way
        assertThat(json(api.get("/api/runs/" + first)).get("logsCollected").asBoolean()).isTrue();

        // The VMs now hold the second run only, so the first one's files are no longer served.
        JsonNode again = json(api.post("/api/runs/" + first + "/collect", ""));

        assertThat(again.get("logsCollected").asBoolean()).isFalse();
        assertThat(again.get("logsMissing").properties()).extracting(java.util.Map.Entry::getKey).containsExactly("vm1", "vm2", "vm3");
        assertThat(again.get("logsMissing").get("vm1").asText()).contains("404");
        assertThat(api.post("/api/runs/nope/collect", "").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void clusterListsEveryVmWithItsRate() {
        JsonNode run = json(api.post("/api/runs", "{\"clockRates\":{\"vm1\":2,\"vm2\":3,\"vm3\":4}}"));
        JsonNode cluster = json(api.get("/api/cluster"));

        assertThat(cluster.get("state").asText()).isEqualTo("RUNNING");
        assertThat(cluster.get("runId")).isEqualTo(run.get("id"));
        JsonNode vm2 = cluster.get("vms").get(1);
        assertThat(vm2.get("name").asText()).isEqualTo("vm2");
        assertThat(vm2.get("clockRate").asInt()).isEqualTo(3);
        assertThat(vm2.get("httpUrl").asText()).isEqualTo(VMS.get(1).httpUrl());
        assertThat(vm2.get("tcpAddress").asText()).isEqualTo("vm2:9000");
        assertThat(vm2.get("health").asText()).isEqualTo("UP");
        assertThat(vm2.has("lastSeen")).isTrue();
    }

    @Test
    void prometheusTargetsListEveryVmWithItsName() {
        JsonNode targets = json(api.get("/api/prometheus/targets"));
        assertThat(targets).hasSize(3);
        assertThat(targets.get(0).toString()).isEqualTo("{\"targets\":[\"" + VMS.get(0).httpUrl().substring("http://".length())
                + "\"],\"labels\":{\"vm\":\"vm1\",\"__meta_clocklab_health\":\"UP\"}}");
    }

    @Test
    void registrationNeedsTheClusterSecret() {
        ResponseEntity<String> response = api.post("/api/vms", VMS.get(0).registrationJson());
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRepeatedRegistrationIsAnOkAndAnInvalidOneA400() {
        assertThat(api.register(VMS.get(0)).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> bad = api.register("{\"name\":\"bad name!\",\"httpUrl\":\"http://x:8080\",\"tcpAddress\":\"x:9000\"}");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(json(bad).get("detail").asText()).contains("name must be 1-64 characters");
    }

    @ParameterizedTest
    @CsvSource({"/api/runs/..%2f..%2fetc%2fpasswd", "/api/runs/%2e%2e/%5c", "/api/runs/a%00b"})
    void aPathTomcatRefusesIsAProblemNotAnHtmlPage(String path) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    @Test
    void theCoordinatorServesPrometheusMetrics() {
        assertThat(api.get("/actuator/prometheus").getBody()).contains("coordinator_runs_started_total");
    }
}
