package io.clocklab.core.archive;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** run.json gained clock and clockSkew: an older file still reads, as a Lamport run without skew. */
class RunClocksJsonTest {

    private static final String BEFORE_THE_CHOICE = """
            {"id":"20261121-202455-3c1e","state":"FINISHED","mode":"live","experimentId":null,"clockRates":{"vm1":1,"vm2":4},
             "fixedClockRates":{},"clockRateMin":1,"clockRateMax":6,"randomRange":10,"durationSeconds":60,"seed":42,
             "vms":["vm1","vm2"],"startAt":"2026-11-21T20:24:55.512Z","endedAt":"2026-11-21T20:25:55.512Z","logsCollected":true}""";

    @Test
    void aRunRecordedBeforeThereWasAChoiceIsALamportRunWithoutSkew() throws Exception {
        Run run = ArchiveJson.MAPPER.readValue(BEFORE_THE_CHOICE, Run.class);
        assertThat(run.clock()).isEqualTo(ClockKind.LAMPORT);
        assertThat(run.clockSkew()).isEmpty();
        assertThat(run.skewOf("vm1")).isEqualTo(ClockSkew.NONE);
    }

    @Test
    void theClockAndTheSkewsRoundTrip() throws Exception {
        Run run = ArchiveJson.MAPPER.readValue(BEFORE_THE_CHOICE, Run.class)
                .withClocks(ClockKind.HYBRID, Map.of("vm2", new ClockSkew(-40, 250.5)));
        String json = ArchiveJson.MAPPER.writeValueAsString(run);
        assertThat(json.replaceAll("\\s", "")).contains("\"clock\":\"hybrid\"", "\"clockSkew\":{\"vm2\":{\"offsetMillis\":-40,\"driftPpm\":250.5}}");
        assertThat(ArchiveJson.MAPPER.readValue(json, Run.class)).isEqualTo(run);
    }

    @Test
    void anUnknownClockIsBadInputNamingTheValuesThereAre() {
        String unknown = BEFORE_THE_CHOICE.replace("\"logsCollected\":true", "\"logsCollected\":true,\"clock\":\"atomic\"");
        assertThatThrownBy(() -> ArchiveJson.MAPPER.readValue(unknown, Run.class)).hasMessageContaining("lamport, vector, hybrid");
    }
}
