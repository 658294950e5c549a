package io.clocklab.coordinator.config;

import io.clocklab.core.control.ClusterSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A coordinator started with the compose file's public default secret says so, as a WARN, at start. */
@ExtendWith(OutputCaptureExtension.class)
class DefaultSecretWarningTest {

    private static CoordinatorProperties withSecret(String secret) {
        return new CoordinatorProperties(3, null, Duration.ofMinutes(2), 1000, true, 1, 6, 10, Duration.ofMillis(500), Duration.ofSeconds(3), secret,
                Path.of("data"), Duration.ofSeconds(15), Duration.ofSeconds(3), null);
    }

    @Test
    void theDefaultSecretIsAWarning(CapturedOutput output) {
        ClusterSecret secret = new CoordinatorBeans().clusterSecret(withSecret(ClusterSecret.COMPOSE_DEFAULT));

        assertThat(secret.isTheDefault()).isTrue();
        assertThat(output.getAll()).contains("WARN").contains(ClusterSecret.DEFAULT_WARNING).contains("Set CLOCKLAB_CLUSTER_SECRET");
    }

    @Test
    void anotherSecretIsNot(CapturedOutput output) {
        new CoordinatorBeans().clusterSecret(withSecret("a-secret-of-our-own"));

        assertThat(output.getAll()).doesNotContain(ClusterSecret.COMPOSE_DEFAULT);
    }

    @Test
    void aBlankApiTokenIsNoToken() {
        assertThat(withSecret("s").apiTokenRequired()).isFalse();
        assertThat(new CoordinatorProperties(3, null, Duration.ofMinutes(2), 1000, true, 1, 6, 10, Duration.ofMillis(500), Duration.ofSeconds(3), "s",
                Path.of("data"), Duration.ofSeconds(15), Duration.ofSeconds(3), " ").apiTokenRequired()).isFalse();
        assertThat(new CoordinatorProperties(3, null, Duration.ofMinutes(2), 1000, true, 1, 6, 10, Duration.ofMillis(500), Duration.ofSeconds(3), "s",
                Path.of("data"), Duration.ofSeconds(15), Duration.ofSeconds(3), "t").apiTokenRequired()).isTrue();
    }
}
