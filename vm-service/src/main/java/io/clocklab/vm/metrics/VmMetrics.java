package io.clocklab.vm.metrics;

import io.clocklab.core.model.EventType;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.wire.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The VM's counters and the jump histogram. Every series gets the {@code vm} label from
 * {@code management.metrics.tags.vm}. All label values are registered up front, at zero, so
 * Prometheus sees each series from the first scrape and {@code rate()} has a starting point.
 */
@Component
public class VmMetrics {

    /** Bucket bounds for jump sizes: fine where most jumps are (1-5), coarse for the long tail. */
    private static final double[] JUMP_BUCKETS = {1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 64, 80, 100, 150, 200, 300, 500, 1000};

    private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
    private final Map<RejectReason, Counter> rejections = new EnumMap<>(RejectReason.class);
    private final DistributionSummary jumps;
    private final Counter backpressureWaits;
    private final Map<ConnectionRefusal, Counter> refusals = new EnumMap<>(ConnectionRefusal.class);
    private final Counter replacedConnections;
    private final MeterRegistry registry;
    /** What the connection gauges read: Micrometer holds it weakly. */
    private volatile Object held;

    public VmMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EventType type : EventType.values()) {
            events.put(type, Counter.builder("vm.events").description("Events logged, by type")
                    .tag("type", type.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            rejections.put(reason, Counter.builder("vm.rejected.frames").description("Inbound frames refused on the side port, by reason")
                    .tag("reason", reason.tag()).register(registry));
        }
        jumps = DistributionSummary.builder("vm.clock.jump").description("newClock - oldClock at each RECEIVE")
                .serviceLevelObjectives(JUMP_BUCKETS).register(registry);
        backpressureWaits = Counter.builder("vm.backpressure.waits")
                .description("Times a side-port connection found the message queue full and stopped reading until a tick made room")
                .register(registry);
        for (ConnectionRefusal reason : ConnectionRefusal.values()) {
            refusals.put(reason, Counter.builder("vm.refused.connections")
                    .description("Side-port connections refused at accept or closed before they were served, by reason")
                    .tag("reason", reason.tag()).register(registry));
        }
        replacedConnections = Counter.builder("vm.replaced.connections")
                .description("Side-port connections closed because their sender said HELLO on a newer one")
                .register(registry);
    }

    public void recorded(TickOutcome outcome) {
        EventType type = outcome.event().type();
        events.get(type).increment();
        if (type == EventType.RECEIVE) {
            jumps.record(outcome.jump());
        }
    }

    /** A connection found the queue full and waits for room. */
    public void backpressureWait() {
        backpressureWaits.increment();
    }

    public void rejected(RejectReason reason) {
        rejections.get(reason).increment();
    }

    /** A side-port connection refused at accept, or closed before it was served (a timeout). */
    public void refused(ConnectionRefusal reason) {
        refusals.get(reason).increment();
    }

    /** A sender's older side-port connection closed because it said HELLO on a newer one. */
    public void replacedConnection() {
        replacedConnections.increment();
    }

    /**
     * {@code vm_side_port_connections{state="pending"|"authenticated"}}: connections open now that have not
     * said their HELLO yet, and those that have. Read at each scrape from {@code source}, held strongly here.
     */
    public <T> void sidePortConnections(T source, ToDoubleFunction<T> pending, ToDoubleFunction<T> authenticated) {
        held = source;
        Gauge.builder("vm.side.port.connections", source, pending).tag("state", "pending")
                .description("Side-port connections open now, by state: pending (no HELLO yet) or authenticated").register(registry);
        Gauge.builder("vm.side.port.connections", source, authenticated).tag("state", "authenticated")
                .description("Side-port connections open now, by state: pending (no HELLO yet) or authenticated").register(registry);
    }
}
