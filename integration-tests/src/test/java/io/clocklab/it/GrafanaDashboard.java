package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The provisioned dashboard {@code grafana/dashboards/clocklab.json}, as the tests read it. */
final class GrafanaDashboard {

    /** One panel's query: its PromQL and how Grafana names each series. */
    record Query(String panel, String expr, String legendFormat) {

        /** The query as Grafana sends it with the {@code vm} variable at "All" (every VM, as a regex alternation). */
        String withAllVms(List<String> vms) {
            return expr.replace("$vm", String.join("|", vms));
        }

        /** Whether each series is one VM's (the legend names {@code {{vm}}}). */
        boolean perVm() {
            return legendFormat.contains("{{vm}}");
        }
    }

    private GrafanaDashboard() {
    }

    static JsonNode json() {
        try {
            return new ObjectMapper().readTree(Repository.file("grafana/dashboards/clocklab.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All panels, including those nested in collapsed rows. */
    static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json().path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every non-empty query of every panel. */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                if (!expr.isBlank()) {
                    queries.add(new Query(panel.path("title").asText(), expr, target.path("legendFormat").asText()));
                }
            }
        }
        return queries;
    }
}
