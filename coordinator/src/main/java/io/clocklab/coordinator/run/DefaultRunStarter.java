package io.clocklab.coordinator.run;

import io.clocklab.coordinator.cluster.ExpectedVms;
import io.clocklab.coordinator.cluster.VmRegistry;
import io.clocklab.coordinator.config.CoordinatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * With no request from anyone, starts the default run once the expected VMs have registered
 * ({@link ExpectedVms}: the fixed ones, plus one per replica when a DNS name counts them). A
 * failed attempt is tried again at the next registration (VMs repeat theirs every few seconds).
 */
@Component
class DefaultRunStarter {

    private static final Logger log = LoggerFactory.getLogger(DefaultRunStarter.class);

    private final CoordinatorProperties properties;
    private final VmRegistry registry;
    private final ExpectedVms expected;
    private final RunService runs;
    private final TaskExecutor executor;
    private final AtomicBoolean attempting = new AtomicBoolean();

    DefaultRunStarter(CoordinatorProperties properties, VmRegistry registry, ExpectedVms expected, RunService runs,
                      @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.properties = properties;
        this.registry = registry;
        this.expected = expected;
        this.runs = runs;
        this.executor = executor;
    }

    @EventListener
    void on(VmRegistry.VmRegistered registered) {
        if (!properties.autoStart() || runs.current().isPresent() || registry.alive().size() < expected.count()
                || !attempting.compareAndSet(false, true)) {
            return;
        }
        // Off the registering request's thread: a start calls every VM, the registering one included.
        executor.execute(() -> {
            try {
                if (runs.current().isEmpty()) {
                    runs.start(RunRequest.defaults());
                }
            } catch (RuntimeException e) {
                log.warn("default run not started yet: {}", e.getMessage());
            } finally {
                attempting.set(false);
            }
        });
    }
}
