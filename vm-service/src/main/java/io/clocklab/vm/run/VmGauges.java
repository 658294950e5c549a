package io.clocklab.vm.run;

import io.clocklab.vm.net.PeerLinks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Levels read from the VM's current state at each scrape. */
@Component
class VmGauges implements MeterBinder {

    private final VmRuntime runtime;
    private final PeerLinks links;

    VmGauges(VmRuntime runtime, PeerLinks links) {
        this.runtime = runtime;
        this.links = links;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("vm.logical.clock", runtime, r -> r.view().logicalClock())
                .description("The current logical clock").register(registry);
        Gauge.builder("vm.message.queue.length", runtime, r -> r.view().queueLength())
                .description("Messages waiting in the queue").register(registry);
        Gauge.builder("vm.message.queue.capacity", runtime, VmRuntime::queueCapacity)
                .description("The most messages the queue holds (clocklab.vm.max-queue-length); when full, senders wait").register(registry);
        Gauge.builder("vm.unconfirmed.in.memory", links, PeerLinks::keptInMemory)
                .description("Messages sent that the peers have not logged yet, held in memory (at most max-unconfirmed-in-memory "
                        + "per peer; the rest are read back from the log)").register(registry);
        Gauge.builder("vm.clock.rate", runtime, r -> {
            Integer rate = r.view().clockRate();
            return rate == null ? 0 : rate;
        }).description("Ticks per second of the current run").register(registry);
    }
}
