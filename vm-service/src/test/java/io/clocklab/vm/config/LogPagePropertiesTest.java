package io.clocklab.vm.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code clocklab.vm.log-pages.*}: the defaults bind; no page at once, or no wait, is refused, naming the property. */
class LogPagePropertiesTest {

    private final ApplicationContextRunner vm = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @EnableConfigurationProperties(LogPageProperties.class)
    static class Settings {
    }

    @Test
    void theDefaultsAreValid() {
        vm.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LogPageProperties.class)).isEqualTo(new LogPageProperties(1, Duration.ofSeconds(10)));
        });
    }

    @Test
    void atLeastOnePageIsBuiltAtOnce() {
        vm.withPropertyValues("clocklab.vm.log-pages.max-concurrent=0").run(context -> assertThat(context).getFailure().rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clocklab.vm.log-pages.max-concurrent must be at least 1, got 0"));
        vm.withPropertyValues("clocklab.vm.log-pages.max-concurrent=1").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theWaitMustBeSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LogPageProperties(1, null))
                .withMessage("clocklab.vm.log-pages.max-wait must be set");
    }
}
