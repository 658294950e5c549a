package io.clocklab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Checks the Prometheus and Grafana provisioning as plain files.
 *
 * <p>There is no Grafana image available offline here, so the container tests run the stack
 * without it; this test makes sure what Grafana would load (datasource, dashboard provider,
 * dashboard) and what Prometheus scrapes stay consistent with each other and with the metric
 * contract of the VMs.
 */
class MonitoringProvisioningTest {

    /** The series the VMs promise to export; nothing else may appear in a dashboard query. */
    private static final Set<String> CONTRACT_METRICS = Set.of(
            "vm_logical_clock",
            "vm_message_queue_length",
            "vm_clock_rate",
            "vm_events_total",
            "vm_clock_jump_count",
            "vm_clock_jump_sum",
            "vm_clock_jump_max",
            "vm_clock_jump_bucket",
            "vm_rejected_frames_total");

    private static final Pattern METRIC_NAME = Pattern.compile("\\b(vm_[a-z_]+)\\b");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Path root = Repository.root();

    @Test
    void datasourceIsTheDefaultPrometheusWithUidPrometheus() throws IOException {
        JsonNode datasources = yaml("grafana/provisioning/datasources/prometheus.yml").path("datasources");

        assertThat(datasources).hasSize(1);
        JsonNode ds = datasources.get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("uid").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(ds.path("isDefault").asBoolean()).isTrue();
    }

    @Test
    void dashboardProviderReadsTheMountedDashboardsDirectory() throws IOException {
        JsonNode providers = yaml("grafana/provisioning/dashboards/clocklab.yml").path("providers");

        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("type").asText()).isEqualTo("file");
        assertThat(providers.get(0).path("options").path("path").asText())
                .isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void composePublishesEveryPortOnLoopbackUnlessTheBindAddressIsSet() throws IOException {
        JsonNode services = yaml("docker-compose.yml").path("services");
        List<String> published = new ArrayList<>();
        services.properties().forEach(service -> service.getValue().path("ports").forEach(port -> published.add(port.asText())));

        // coordinator, vm1-vm3, the vm replicas (a free host port each), Prometheus, Grafana
        assertThat(published).hasSize(7).allSatisfy(port -> assertThat(port).startsWith("${CLOCKLAB_BIND_ADDRESS:-127.0.0.1}:"));
        assertThat(published).contains("${CLOCKLAB_BIND_ADDRESS:-127.0.0.1}::8080");
    }

    @Test
    void composeMountsTheProvisioningWhereGrafanaReadsItAndLetsAnonymousViewersIn() throws IOException {
        JsonNode grafana = yaml("docker-compose.yml").path("services").path("grafana");

        assertThat(grafana.path("volumes")).extracting(JsonNode::asText).contains(
                "./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(grafana.path("environment").path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("true");
        assertThat(grafana.path("environment").path("GF_AUTH_ANONYMOUS_ORG_ROLE").asText()).isEqualTo("Viewer");
    }

    @Test
    void dashboardHasUidClocklab() throws IOException {
        assertThat(dashboard().path("uid").asText()).isEqualTo("clocklab");
    }

    @Test
    void dashboardPanelsCoverClocksQueueEventRatesAndJumps() throws IOException {
        List<String> titles = panels().stream()
                .map(p -> p.path("title").asText().toLowerCase())
                .toList();

        assertThat(titles).anyMatch(t -> t.contains("logical clock"));
        assertThat(titles).anyMatch(t -> t.contains("queue length"));
        assertThat(titles).anyMatch(t -> t.contains("event rate by type"));
        assertThat(titles).anyMatch(t -> t.contains("jump"));
    }

    @Test
    void panelIdsAreUnique() throws IOException {
        List<Integer> ids = panels().stream().map(p -> p.path("id").asInt()).toList();

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void everyPanelTargetUsesThePrometheusDatasource() throws IOException {
        List<JsonNode> targets = targets();

        assertThat(targets).isNotEmpty();
        assertThat(targets).allSatisfy(t ->
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo("prometheus"));
    }

    @Test
    void everyPanelQueryFiltersByTheVmVariable() throws IOException {
        assertThat(expressions()).allSatisfy(expr -> assertThat(expr).contains("vm=~\"$vm\""));
    }

    @Test
    void theVmVariableOffersEveryVmThereIsInNaturalOrder() {
        JsonNode vm = StreamSupport.stream(GrafanaDashboard.json().path("templating").path("list").spliterator(), false)
                .filter(variable -> variable.path("name").asText().equals("vm")).findFirst().orElseThrow();
        // whatever VMs Prometheus has seen, 3 or 32, vm1..vmN or vm-0..vm-N, "All" selected
        assertThat(vm.path("query").path("query").asText()).isEqualTo("label_values(vm_logical_clock, vm)");
        assertThat(vm.path("includeAll").asBoolean()).isTrue();
        assertThat(vm.path("multi").asBoolean()).isTrue();
        assertThat(vm.path("current").path("value").toString()).isEqualTo("[\"$__all\"]");
        // 7 is Grafana's "Natural (asc)": vm2 before vm10 (1, alphabetical, would list vm1, vm10, vm11 … vm2)
        assertThat(vm.path("sort").asInt()).isEqualTo(7);
    }

    @Test
    void noQueryOrLegendNamesAVm() {
        Pattern vmName = Pattern.compile("\\bvm-?[0-9]+\\b");
        assertThat(GrafanaDashboard.queries()).allSatisfy(query -> {
            assertThat(vmName.matcher(query.expr()).find()).as(query.panel() + ": " + query.expr()).isFalse();
            assertThat(vmName.matcher(query.legendFormat()).find()).as(query.panel() + ": " + query.legendFormat()).isFalse();
        });
    }

    @Test
    void dashboardQueriesUseOnlyContractMetrics() throws IOException {
        Set<String> used = metricNamesIn(expressions());

        assertThat(used).isNotEmpty().isSubsetOf(CONTRACT_METRICS);
    }

    @Test
    void metricNameCheckRejectsANameOutsideTheContract() {
        // Keeps the contract check honest: a near miss such as vm_clock must be caught.
        Set<String> used = metricNamesIn(List.of("vm_clock{vm=~\"$vm\"}"));

        assertThat(used).containsExactly("vm_clock");
        assertThat(CONTRACT_METRICS).doesNotContainAnyElementsOf(used);
    }

    @Test
    void prometheusDiscoversVmsFromTheCoordinatorAndScrapesActuator() throws IOException {
        JsonNode vms = scrapeJob("vms");

        assertThat(vms.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(vms.path("http_sd_configs")).hasSize(1);
        assertThat(vms.path("http_sd_configs").get(0).path("url").asText())
                .isEqualTo("http://coordinator:8080/api/prometheus/targets");
    }

    @Test
    void prometheusScrapesTheCoordinator() throws IOException {
        JsonNode coordinator = scrapeJob("coordinator");

        assertThat(coordinator.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(coordinator.path("static_configs").get(0).path("targets").get(0).asText())
                .isEqualTo("coordinator:8080");
    }

    private static JsonNode yaml(String relativePath) throws IOException {
        return YAML.readTree(root.resolve(relativePath).toFile());
    }

    private static JsonNode dashboard() {
        return GrafanaDashboard.json();
    }

    private static List<JsonNode> panels() {
        List<JsonNode> panels = GrafanaDashboard.panels();
        assertThat(panels).as("dashboard panels").isNotEmpty();
        return panels;
    }

    private static List<JsonNode> targets() {
        return panels().stream().flatMap(p -> StreamSupport.stream(p.path("targets").spliterator(), false)).toList();
    }

    private static List<String> expressions() {
        List<String> exprs = GrafanaDashboard.queries().stream().map(GrafanaDashboard.Query::expr).toList();
        assertThat(exprs).as("panel queries").isNotEmpty();
        return exprs;
    }

    private static Set<String> metricNamesIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = METRIC_NAME.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static JsonNode scrapeJob(String name) throws IOException {
        for (JsonNode job : yaml("prometheus/prometheus.yml").path("scrape_configs")) {
            if (name.equals(job.path("job_name").asText())) {
                return job;
            }
        }
        throw new AssertionError("no scrape job named " + name + " in prometheus/prometheus.yml");
    }
}
