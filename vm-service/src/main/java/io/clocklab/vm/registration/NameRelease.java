package io.clocklab.vm.registration;

import io.clocklab.core.control.ClusterSecret;
import io.clocklab.vm.config.VmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A VM whose name the coordinator leased ({@link VmIdentity}) gives it back when it stops cleanly,
 * so that the container that replaces it (compose recreates a replica with a new hostname) gets
 * the same name. A VM killed without a chance to say so keeps its name until the coordinator's
 * {@code name-lease-grace} is over; a restarted container keeps its hostname and so its name.
 */
@Component
class NameRelease {

    private static final Logger log = LoggerFactory.getLogger(NameRelease.class);

    private final VmProperties properties;
    private final ClusterSecret secret;
    private final String instance;

    NameRelease(VmProperties properties, ClusterSecret secret, Environment environment) {
        this.properties = properties;
        this.secret = secret;
        this.instance = environment.getProperty(VmIdentity.LEASED_AS);
    }

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void release() {
        if (instance == null || properties.coordinatorUrl() == null) {
            return;
        }
        String answer = new NameLeaseClient(properties.coordinatorUrl(), secret).release(instance);
        if (answer.startsWith("HTTP 2")) {
            log.info("gave the name {} back ({}: {})", properties.name(), instance, answer);
        } else {
            log.info("could not give the name {} back ({}: {}); the coordinator keeps it for this instance a while", properties.name(),
                    instance, answer);
        }
    }
}
