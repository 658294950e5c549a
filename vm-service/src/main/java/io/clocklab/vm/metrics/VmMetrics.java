package io.clocklab.vm.metrics;

import io.clocklab.core.model.EventType;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.wire.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

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

    public VmMetrics(MeterRegistry registry) {
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
}
