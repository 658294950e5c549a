package io.clocklab.vm.net;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** A VM can serve only once peers can reach its side port. */
@Component("sidePort")
class SidePortHealthIndicator implements HealthIndicator {

    private final SidePortServer server;

    SidePortHealthIndicator(SidePortServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        return server.isRunning() ? Health.up().build() : Health.down().withDetail("reason", "side port not listening").build();
    }
}
