package io.clocklab.vm.config;

import io.clocklab.core.wire.FrameCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The settings' rules, as Spring checks them at start-up (binding {@code clocklab.vm.*}, no Bean Validation): a bad
 * value stops the VM with a message that names its property.
 */
class VmPropertiesTest {

    private final ApplicationContextRunner vm = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            .withPropertyValues("clocklab.vm.name=vm1", "clocklab.vm.cluster-secret=secret");

    @EnableConfigurationProperties(VmProperties.class)
    static class Settings {
    }

    @Test
    void theDefaultsAreValid() {
        vm.run(context -> {
            assertThat(context).hasNotFailed();
            VmProperties properties = context.getBean(VmProperties.class);
            assertThat(properties.sidePort()).isEqualTo(9000);
            assertThat(properties.maxFrameBytes()).isEqualTo(1024);
            assertThat(properties.maxQueueLength()).isEqualTo(10_000);
            assertThat(properties.ackInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(properties.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.logDir()).isEqualTo(Path.of("logs"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            clocklab.vm.name=                           | clocklab.vm.name must be set (CLOCKLAB_VM_NAME), or left unset with a coordinator-url to get one from the coordinator
            clocklab.vm.name=vm 1                       | clocklab.vm.name must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit, got 'vm 1'
            clocklab.vm.name=-vm1                       | clocklab.vm.name must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit, got '-vm1'
            clocklab.vm.cluster-secret=                 | clocklab.vm.cluster-secret must be set (CLOCKLAB_CLUSTER_SECRET)
            clocklab.vm.side-port=-1                    | clocklab.vm.side-port must be between 0 and 65535, got -1
            clocklab.vm.side-port=70000                 | clocklab.vm.side-port must be between 0 and 65535, got 70000
            clocklab.vm.max-inbound-connections=0       | clocklab.vm.max-inbound-connections must be at least 1, got 0
            clocklab.vm.max-queue-length=0              | clocklab.vm.max-queue-length must be at least 1, got 0
            clocklab.vm.max-pending-connections=0       | clocklab.vm.max-pending-connections must be at least 1, got 0
            clocklab.vm.reserved-connections-per-peer=0 | clocklab.vm.reserved-connections-per-peer must be at least 1, got 0
            clocklab.vm.max-unconfirmed-in-memory=0     | clocklab.vm.max-unconfirmed-in-memory must be at least 1, got 0
            clocklab.vm.keepalive-interval=50ms         | clocklab.vm.keepalive-interval must be at least ack-interval, and ack-interval above 0; got keepalive-interval PT0.05S and ack-interval PT0.1S
            clocklab.vm.ack-interval=0s                 | clocklab.vm.keepalive-interval must be at least ack-interval, and ack-interval above 0; got keepalive-interval PT1S and ack-interval PT0S
            clocklab.vm.keepalive-timeout=1500ms        | clocklab.vm.keepalive-timeout must be at least twice keepalive-interval; got keepalive-timeout PT1.5S and keepalive-interval PT1S
            clocklab.vm.hello-timeout=0s                | clocklab.vm.hello-timeout must be above 0 and at most 24 days, got PT0S
            clocklab.vm.hello-timeout=999us             | clocklab.vm.hello-timeout must be above 0 and at most 24 days, got PT0.000999S
            clocklab.vm.frame-read-timeout=-5ms         | clocklab.vm.frame-read-timeout must be above 0 and at most 24 days, got PT-0.005S
            clocklab.vm.frame-read-timeout=25d          | clocklab.vm.frame-read-timeout must be above 0 and at most 24 days, got PT600H
            """)
    void eachRuleRefusesABadValueNamingTheProperty(String setting, String message) {
        vm.withPropertyValues(setting).run(context -> assertThat(context).getFailure().rootCause()
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"clocklab.vm.side-port=0", "clocklab.vm.side-port=65535", "clocklab.vm.max-frame-bytes=65536",
            "clocklab.vm.hello-timeout=1ms", "clocklab.vm.frame-read-timeout=24d", "clocklab.vm.keepalive-interval=100ms",
            "clocklab.vm.keepalive-timeout=2s", "clocklab.vm.max-queue-length=1", "clocklab.vm.max-unconfirmed-in-memory=1",
            "clocklab.vm.name=a", "clocklab.vm.name=vm-10_b.c"})
    void theLimitsThemselvesAreValid(String setting) {
        vm.withPropertyValues(setting).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aFrameLimitBelowTheLargestFrameIsRefused() {
        vm.withPropertyValues("clocklab.vm.max-frame-bytes=" + FrameCodec.LARGEST_BODY_BYTES)
                .run(context -> assertThat(context).hasNotFailed());
        vm.withPropertyValues("clocklab.vm.max-frame-bytes=" + (FrameCodec.LARGEST_BODY_BYTES - 1))
                .run(context -> assertThat(context).getFailure().rootCause().hasMessage("clocklab.vm.max-frame-bytes must be between "
                        + FrameCodec.LARGEST_BODY_BYTES + " and 65536, got " + (FrameCodec.LARGEST_BODY_BYTES - 1)));
        vm.withPropertyValues("clocklab.vm.max-frame-bytes=65537")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageEndingWith("and 65536, got 65537"));
    }

    /** No name and no coordinator-url (VmIdentity leases a name only with one): the VM does not start. */
    @Test
    void aVmWithoutAName() {
        new ApplicationContextRunner()
                .withUserConfiguration(Settings.class)
                .withPropertyValues("clocklab.vm.cluster-secret=secret")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessage("clocklab.vm.name must be set (CLOCKLAB_VM_NAME),"
                        + " or left unset with a coordinator-url to get one from the coordinator"));
    }

    @Test
    void everyBadSettingIsSaidAtOnce() {
        new ApplicationContextRunner()
                .withUserConfiguration(Settings.class)
                .withPropertyValues("clocklab.vm.name=vm1", "clocklab.vm.side-port=70000", "clocklab.vm.hello-timeout=0s")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessage("""
                        3 settings are wrong:
                              - clocklab.vm.side-port must be between 0 and 65535, got 70000
                              - clocklab.vm.cluster-secret must be set (CLOCKLAB_CLUSTER_SECRET)
                              - clocklab.vm.hello-timeout must be above 0 and at most 24 days, got PT0S"""));
    }

    /** Binding gives the defaults for empty values; made by hand, a record with nothing in them is refused all the same. */
    @Test
    void settingsWithNothingInThemAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VmProperties(null, null, null, 9000, null, null, null, null,
                        1024, 64, null, null, null, null, null, null, 10_000, null, null, 16, 2, 10_000))
                .withMessageStartingWith("12 settings are wrong:")
                .withMessageContainingAll("clocklab.vm.name must be set (CLOCKLAB_VM_NAME)", "clocklab.vm.cluster-secret must be set",
                        "clocklab.vm.log-dir must be set", "clocklab.vm.registration-interval must be set",
                        "clocklab.vm.reconnect-min must be set", "clocklab.vm.reconnect-max must be set",
                        "clocklab.vm.resume-timeout must be set", "clocklab.vm.ack-interval must be set",
                        "clocklab.vm.keepalive-interval must be set", "clocklab.vm.keepalive-timeout must be set",
                        "clocklab.vm.hello-timeout must be set", "clocklab.vm.frame-read-timeout must be set");
    }
}
