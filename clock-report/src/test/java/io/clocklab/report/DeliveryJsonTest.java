package io.clocklab.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.check.Undelivered;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of outages, the end state and the delivery report, as the analysis endpoint and the
 * static report write it, and as the coordinator keeps them in run.json: the design's field names
 * only, instants as ISO strings, and read back to equal records.
 */
class DeliveryJsonTest {

    private static final Outage RESTARTED = new Outage("vm2", Instant.parse("2026-11-21T10:00:05.25Z"),
            Instant.parse("2026-11-21T10:00:07Z"), "restarted");
    private static final Outage KILLED = new Outage("vm3", Instant.parse("2026-11-21T10:00:20Z"), null, "killed");
    private static final EndState END = new EndState(Map.of("vm1", List.of("vm2-17")), Map.of("vm2", Map.of("vm3", new SentRange(39, 40))));
    private static final DeliveryReport DELIVERY = new DeliveryReport(3, 1,
            List.of(new Undelivered("vm2-17", "vm2", "vm1", Undelivered.Reason.QUEUED)), List.of("vm3-4 to vm1"));

    /** Like the data directory's mapper: ISO instants, lenient about unknown fields. */
    private static final ObjectMapper ARCHIVE = ReportJson.mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void fieldsAreTheDesignsAndInstantsAreIsoStrings() throws Exception {
        JsonNode outage = ReportJson.mapper().readTree(ReportJson.mapper().writeValueAsString(KILLED));
        JsonNode end = ReportJson.mapper().readTree(ReportJson.mapper().writeValueAsString(END));
        JsonNode delivery = ReportJson.mapper().readTree(ReportJson.mapper().writeValueAsString(DELIVERY));

        assertThat(outage.fieldNames()).toIterable().containsExactly("vm", "from", "to", "cause");
        assertThat(outage.get("from").asText()).isEqualTo("2026-11-21T10:00:20Z");
        assertThat(outage.get("to").isNull()).isTrue();
        assertThat(end.fieldNames()).toIterable().containsExactly("queued", "unconfirmed");
        assertThat(end.at("/unconfirmed/vm2/vm3")).isEqualTo(ReportJson.mapper().readTree("{\"after\":39,\"upTo\":40}"));
        assertThat(delivery.fieldNames()).toIterable().containsExactly("addressed", "received", "undelivered", "lost", "undeliveredByReason", "lostCount");
        assertThat(delivery.at("/undelivered/0").fieldNames()).toIterable().containsExactly("messageId", "from", "to", "reason");
        assertThat(delivery.at("/undelivered/0/reason").asText()).isEqualTo("QUEUED");
        assertThat(delivery.at("/lost/0").asText()).isEqualTo("vm3-4 to vm1");
    }

    @Test
    void theyReadBackAsTheSameRecords() throws Exception {
        assertThat(ARCHIVE.readValue(ARCHIVE.writeValueAsString(RESTARTED), Outage.class)).isEqualTo(RESTARTED);
        assertThat(ARCHIVE.readValue(ARCHIVE.writeValueAsString(KILLED), Outage.class)).isEqualTo(KILLED);
        assertThat(ARCHIVE.readValue(ARCHIVE.writeValueAsString(END), EndState.class)).isEqualTo(END);
        assertThat(ARCHIVE.readValue(ARCHIVE.writeValueAsString(DELIVERY), DeliveryReport.class)).isEqualTo(DELIVERY);
        assertThat(ARCHIVE.readValue("{\"queued\":{\"vm1\":[\"vm2-17\"]},\"unconfirmed\":{\"vm2\":{\"vm3\":[\"vm2-40\"]}}}", EndState.class))
                .as("run.json as it was before ranges: a list of ids").isEqualTo(END);
        assertThat(ARCHIVE.readValue("{\"vm\":\"vm1\",\"from\":\"2026-11-21T10:00:00Z\"}", Outage.class))
                .isEqualTo(new Outage("vm1", Instant.parse("2026-11-21T10:00:00Z"), null, null));
    }

    @Test
    void theRunAnalysisOnlyGainsOutagesAndDelivery() throws Exception {
        RunAnalysis analysed = ReportFixtures.analyse("r", ReportFixtures.smallRun(), ReportFixtures.RATES, 10);
        RunAnalysis plain = new RunAnalysis(analysed.runId(), analysed.start(), analysed.end(), analysed.durationSeconds(),
                analysed.randomRange(), analysed.events(), analysed.vms(), analysed.series(), analysed.verdict());
        RunAnalysis full = new RunAnalysis(plain.runId(), plain.start(), plain.end(), plain.durationSeconds(), plain.randomRange(),
                plain.events(), plain.vms(), plain.series(), plain.verdict(), List.of(RESTARTED), DELIVERY);

        JsonNode before = ReportJson.mapper().readTree(ReportJson.mapper().writeValueAsString(plain));
        JsonNode after = ReportJson.mapper().readTree(ReportJson.mapper().writeValueAsString(full));

        assertThat(after.fieldNames()).toIterable().containsExactly("runId", "start", "end", "durationSeconds", "randomRange", "events",
                "vms", "series", "verdict", "outages", "delivery");
        assertThat(before.get("outages")).isEmpty();
        assertThat(before.get("delivery").isNull()).isTrue();
        assertThat(after.at("/outages/0/cause").asText()).isEqualTo("restarted");
        assertThat(after.at("/delivery/addressed").asLong()).isEqualTo(3);
    }
}
