package io.clocklab.core.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Both sides share this record, and the coordinator fails on unknown properties: old and new JSON must both read. */
class VmRegistrationTest {

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void aVmHoldingARunSaysWhichAndInWhatState() throws Exception {
        VmRegistration registration = new VmRegistration("vm1", "http://vm1:8080", "vm1:9000", "run-1", VmState.RUNNING);
        String text = json.writeValueAsString(registration);
        assertThat(text).isEqualTo("{\"name\":\"vm1\",\"httpUrl\":\"http://vm1:8080\",\"tcpAddress\":\"vm1:9000\",\"runId\":\"run-1\",\"state\":\"RUNNING\"}");
        assertThat(json.readValue(text, VmRegistration.class)).isEqualTo(registration);
    }

    @Test
    void aVmWithoutARunSendsTheThreeOldFields() throws Exception {
        VmRegistration registration = new VmRegistration("vm1", "http://vm1:8080", "vm1:9000");
        String text = json.writeValueAsString(registration);
        assertThat(text).isEqualTo("{\"name\":\"vm1\",\"httpUrl\":\"http://vm1:8080\",\"tcpAddress\":\"vm1:9000\"}");
        assertThat(json.readValue(text, VmRegistration.class)).isEqualTo(registration);
        assertThat(registration.runId()).isNull();
        assertThat(registration.state()).isNull();
    }
}
