package io.clocklab.vm.registration;

import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.control.VmRegistration;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.core.control.ClockView;
import io.clocklab.vm.run.VmRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

/**
 * Registers this VM with the coordinator once it can serve, then again every
 * {@code registration-interval}: registration is idempotent, and the repeat lets a restarted
 * coordinator find every VM again without anyone restarting them. Until the first success (the
 * coordinator may still be starting) it tries every {@link #RETRY}. Each registration says which
 * run the VM holds and in what state (the heartbeat): a VM of the live run that registers without
 * it has restarted, and the coordinator hands it the run's set-up again.
 */
@Component
class CoordinatorRegistration {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorRegistration.class);
    static final Duration RETRY = Duration.ofMillis(500);

    private final VmProperties properties;
    private final VmRuntime runtime;
    private final TaskScheduler scheduler;
    private final RestClient client;
    private volatile boolean registered;

    CoordinatorRegistration(VmProperties properties, VmRuntime runtime, ClusterSecret secret, TaskScheduler scheduler,
                            RestClient.Builder builder) {
        this.properties = properties;
        this.runtime = runtime;
        this.scheduler = scheduler;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.client = builder.requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, secret.authorizationHeader()).build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startRegistering() {
        if (properties.coordinatorUrl() == null) {
            log.info("no coordinator-url: not registering");
            return;
        }
        registerAndReschedule();
    }

    private void registerAndReschedule() {
        register();
        Duration next = registered ? properties.registrationInterval() : RETRY;
        scheduler.schedule(this::registerAndReschedule, Instant.now().plus(next));
    }

    void register() {
        ClockView view = runtime.view();
        VmRegistration registration = new VmRegistration(properties.name(), properties.advertisedHttpUrl(),
                properties.advertisedTcpAddress(), view.runId(), view.runId() == null ? null : view.state());
        try {
            client.post().uri(properties.coordinatorUrl().resolve("/api/vms")).body(registration).retrieve().toBodilessEntity();
            if (!registered) {
                log.info("registered with {} as {}", properties.coordinatorUrl(), registration);
            }
            registered = true;
        } catch (RestClientException e) {
            if (registered) {
                log.warn("lost the coordinator at {}: {}", properties.coordinatorUrl(), e.getMessage());
            } else {
                log.debug("coordinator at {} not there yet: {}", properties.coordinatorUrl(), e.getMessage());
            }
            registered = false;
        }
    }
}
