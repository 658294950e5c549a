package io.clocklab.vm.config;

import io.clocklab.core.control.ClusterSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A VM started with the compose file's public default secret says so, as a WARN, at start. */
@ExtendWith(OutputCaptureExtension.class)
class DefaultSecretWarningTest {

    private static VmProperties withSecret(String secret) {
        return new VmProperties("vm1", null, null, 9000, Path.of("logs"), null, Duration.ofSeconds(5), secret,
                1024, 64, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 2, 10_000);
    }

    @Test
    void theDefaultSecretIsAWarning(CapturedOutput output) {
        ClusterSecret secret = new VmBeans().clusterSecret(withSecret(ClusterSecret.COMPOSE_DEFAULT));

        assertThat(secret.isTheDefault()).isTrue();
        assertThat(output.getAll()).contains("WARN").contains(ClusterSecret.DEFAULT_WARNING).contains("Set CLOCKLAB_CLUSTER_SECRET");
    }

    @Test
    void anotherSecretIsNot(CapturedOutput output) {
        new VmBeans().clusterSecret(withSecret("a-secret-of-our-own"));

        assertThat(output.getAll()).doesNotContain(ClusterSecret.COMPOSE_DEFAULT);
    }
}
