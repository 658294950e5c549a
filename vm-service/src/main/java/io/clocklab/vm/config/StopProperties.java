package io.clocklab.vm.config;

import io.clocklab.web.PropertyRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a VM stops when it is told to ({@code SIGTERM}) while it ticks in a run. The compose file's
 * vm1-vm3 need none of it (Compose stops the coordinator, which depends on them, first). Replicas
 * are stopped alongside the coordinator, so they linger: they keep serving until the coordinator
 * has ended the run and read their logs.
 *
 * @param linger the longest a VM ticking in a run waits, once told to stop, for the run to end; 0: it does not wait
 * @param quiet  once the run has ended, the VM stops when no control request has come for this long (longer than the
 *               coordinator's drain-timeout, 3 s, between the stop and the collection; the
 *               coordinator collecting its log), or when {@code linger} is over
 */
@ConfigurationProperties(StopProperties.PREFIX)
public record StopProperties(@DefaultValue("0s") Duration linger, @DefaultValue("5s") Duration quiet) {

    public static final String PREFIX = "clocklab.vm.stop";

    public StopProperties {
        PropertyRules.under(PREFIX)
                .notNull("linger", linger)
                .notNull("quiet", quiet)
                .check();
    }
}
