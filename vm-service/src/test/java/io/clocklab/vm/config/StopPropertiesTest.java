package io.clocklab.vm.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code clocklab.vm.stop.*}: the defaults bind; a stop without its times is refused, naming them. */
class StopPropertiesTest {

    @EnableConfigurationProperties(StopProperties.class)
    static class Settings {
    }

    @Test
    void theDefaultsAreValid() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(StopProperties.class)).isEqualTo(new StopProperties(Duration.ZERO, Duration.ofSeconds(5)));
        });
    }

    @Test
    void bothTimesMustBeSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StopProperties(null, Duration.ofSeconds(5)))
                .withMessage("clocklab.vm.stop.linger must be set");
        assertThatIllegalArgumentException().isThrownBy(() -> new StopProperties(Duration.ZERO, null))
                .withMessage("clocklab.vm.stop.quiet must be set");
    }
}
