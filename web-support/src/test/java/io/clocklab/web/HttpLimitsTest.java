package io.clocklab.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code clocklab.http.*}, checked by the record itself (the VM has no Bean Validation; the coordinator has). */
class HttpLimitsTest {

    @EnableConfigurationProperties(HttpLimits.class)
    static class Settings {
    }

    @Test
    void theDefaultIs64Kilobytes() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(HttpLimits.class).maxRequestBody()).isEqualTo(DataSize.ofKilobytes(64));
        });
    }

    @Test
    void theLimitMustBeSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpLimits(null))
                .withMessage("clocklab.http.max-request-body must be set");
    }
}
