package io.clocklab.coordinator.vmclient;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class VmUnavailableExceptionTest {

    @Test
    void aRefusedConnectionWithoutAMessageIsNamedInsteadOfNull() {
        // what RestClient makes of the JDK client's ConnectException with a null message
        var cause = new ResourceAccessException("I/O error on PUT request for \"http://vm7:8080/internal/run\": null",
                new IOException(null, new ConnectException()));

        var e = new VmUnavailableException("vm7", "the run set-up", cause);

        assertThat(e.getMessage())
                .isEqualTo("vm7 did not accept the run set-up: I/O error on PUT request for \"http://vm7:8080/internal/run\": "
                        + "java.net.ConnectException (no message)")
                .doesNotContain("null");
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void aCauseThatSaysWhyIsKeptAsItIs() {
        var cause = new ResourceAccessException("I/O error on GET request for \"http://vm2:8080/clock\": request timed out",
                new HttpTimeoutException("request timed out"));

        assertThat(new VmUnavailableException("vm2", "the clock", cause).getMessage())
                .isEqualTo("vm2 did not accept the clock: I/O error on GET request for \"http://vm2:8080/clock\": request timed out");
    }

    @Test
    void aCauseWithNoMessageAtAllIsNamed() {
        assertThat(new VmUnavailableException("vm3", "the clock", new IllegalStateException()).getMessage())
                .isEqualTo("vm3 did not accept the clock: java.lang.IllegalStateException (no message)");
        assertThat(new VmUnavailableException("vm3", "the clock", new RuntimeException("refused", new ConnectException())).getMessage())
                .isEqualTo("vm3 did not accept the clock: refused (java.net.ConnectException (no message))");
    }
}
