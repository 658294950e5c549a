package io.clocklab.vm.config;

import io.clocklab.web.PropertyRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How many pages of a log ({@code GET /log}, {@code GET /internal/runs/{id}/log}) the VM builds at
 * once. A page of 10,000 events takes a few megabytes of the VM's 32 MB heap while it is built and
 * sent, so a flood of page requests would fill it: the others wait their turn.
 *
 * @param maxConcurrent pages built at once
 * @param maxWait       how long a request waits for its turn before it gets 503 (with Retry-After)
 */
@ConfigurationProperties(LogPageProperties.PREFIX)
public record LogPageProperties(@DefaultValue("1") int maxConcurrent, @DefaultValue("10s") Duration maxWait) {

    public static final String PREFIX = "clocklab.vm.log-pages";

    public LogPageProperties {
        PropertyRules.under(PREFIX)
                .atLeast("max-concurrent", maxConcurrent, 1)
                .notNull("max-wait", maxWait)
                .check();
    }
}
