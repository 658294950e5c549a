package io.clocklab.vm.config;

import io.clocklab.core.wire.FrameCodec;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings' constraints, as Spring checks them at start-up. */
class VmPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    private static VmProperties with(int maxFrameBytes, Duration ackInterval, Duration keepaliveInterval, Duration keepaliveTimeout) {
        return new VmProperties("vm1", null, null, 9000, Path.of("logs"), null, Duration.ofSeconds(5), "secret",
                maxFrameBytes, 64, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), ackInterval,
                keepaliveInterval, keepaliveTimeout, 10_000, Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 2, 10_000);
    }

    private static VmProperties withSidePort(Duration helloTimeout, Duration frameReadTimeout, int maxPending, int reservedPerPeer) {
        return new VmProperties("vm1", null, null, 9000, Path.of("logs"), null, Duration.ofSeconds(5), "secret",
                1024, 64, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000, helloTimeout, frameReadTimeout, maxPending, reservedPerPeer, 10_000);
    }

    private Set<String> violations(VmProperties properties) {
        return validator.validate(properties).stream().map(ConstraintViolation::getMessage).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(violations(with(1024, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)))).isEmpty();
    }

    @Test
    void aFrameLimitBelowTheLargestFrameIsRefused() {
        assertThat(violations(with(FrameCodec.LARGEST_BODY_BYTES, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)))).isEmpty();
        assertThat(violations(with(FrameCodec.LARGEST_BODY_BYTES - 1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5))))
                .hasSize(1);
    }

    @Test
    void keepalivesMustFitTheAckRoundsAndTheTimeoutMustSpanSeveral() {
        assertThat(violations(with(1024, Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(5))))
                .containsExactly("keepalive-interval must be at least ack-interval, and ack-interval above 0");
        assertThat(violations(with(1024, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5))))
                .containsExactly("keepalive-interval must be at least ack-interval, and ack-interval above 0");
        assertThat(violations(with(1024, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(1500))))
                .containsExactly("keepalive-timeout must be at least twice keepalive-interval");
    }

    @Test
    void theQueueHoldsAtLeastOneMessage() {
        VmProperties valid = with(1024, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        VmProperties one = new VmProperties("vm1", null, null, 9000, Path.of("logs"), null, Duration.ofSeconds(5), "secret",
                1024, 64, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 1, Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 2, 10_000);
        VmProperties none = new VmProperties("vm1", null, null, 9000, Path.of("logs"), null, Duration.ofSeconds(5), "secret",
                1024, 64, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 0, Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 2, 10_000);
        assertThat(valid.maxQueueLength()).isEqualTo(10_000);
        assertThat(violations(one)).isEmpty();
        assertThat(violations(none)).hasSize(1);
    }

    @Test
    void theSidePortsTimeoutsMustBePositiveAndFitASocketTimeout() {
        String message = "hello-timeout and frame-read-timeout must be above 0 and at most 24 days";
        assertThat(violations(withSidePort(Duration.ofMillis(1), Duration.ofMillis(1), 1, 1))).isEmpty();
        assertThat(violations(withSidePort(Duration.ZERO, Duration.ofSeconds(5), 16, 2))).containsExactly(message);
        assertThat(violations(withSidePort(Duration.ofSeconds(2), Duration.ofMillis(-5), 16, 2))).containsExactly(message);
        assertThat(violations(withSidePort(Duration.ofNanos(999_999), Duration.ofSeconds(5), 16, 2))).as("under a millisecond")
                .containsExactly(message);
        assertThat(violations(withSidePort(Duration.ofSeconds(2), Duration.ofDays(25), 16, 2))).containsExactly(message);
    }

    @Test
    void pendingConnectionsAndThePeersReserveNeedAtLeastOnePlace() {
        assertThat(violations(withSidePort(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, 2))).hasSize(1);
        assertThat(violations(withSidePort(Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 0))).as("peers always have a reserve")
                .hasSize(1);
    }

    @Test
    void aSenderHoldsAtLeastOneUnconfirmedMessageInMemory() {
        VmProperties one = new VmProperties("vm1", null, null, 9000, Path.of("logs"), null, Duration.ofSeconds(5), "secret",
                1024, 64, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000, Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 2, 1);
        VmProperties none = new VmProperties("vm1", null, null, 9000, Path.of("logs"), null, Duration.ofSeconds(5), "secret",
                1024, 64, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000, Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 2, 0);
        assertThat(violations(one)).isEmpty();
        assertThat(violations(none)).hasSize(1);
    }
}
