package io.clocklab.vm.registration;

import com.sun.net.httpserver.HttpServer;
import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.control.RunSetup;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.metrics.VmMetrics;
import io.clocklab.vm.net.PeerLinks;
import io.clocklab.vm.run.MonotonicClock;
import io.clocklab.vm.run.VmRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Every registration (the heartbeat) says which run the VM holds and its state, so a restarted VM is recognised. */
class CoordinatorRegistrationTest {

    @TempDir
    Path logs;
    private HttpServer coordinator;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private VmRuntime runtime;
    private PeerLinks links;
    private CoordinatorRegistration registration;

    @BeforeEach
    void coordinatorAndVm() throws IOException {
        coordinator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        coordinator.createContext("/api/vms", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        coordinator.start();
        VmProperties properties = new VmProperties("vm1", null, null, 9000, logs,
                URI.create("http://127.0.0.1:" + coordinator.getAddress().getPort()), Duration.ofSeconds(5), FakePeer.SECRET,
                1024, 64, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 16, 2, 10_000);
        links = new PeerLinks(properties, FakePeer.CODEC);
        runtime = new VmRuntime(properties, InstantSource.system(), MonotonicClock.SYSTEM, links, new VmMetrics(new SimpleMeterRegistry()));
        registration = new CoordinatorRegistration(properties, runtime, new ClusterSecret(FakePeer.SECRET),
                new SimpleAsyncTaskScheduler(), RestClient.builder());
    }

    @AfterEach
    void stop() {
        runtime.destroy();
        links.destroy();
        coordinator.stop(0);
    }

    @Test
    void aVmWithoutARunRegistersTheThreeFieldsAndThenItsRunAndState() {
        registration.register();
        runtime.setUp(new RunSetup("run-7", List.of(), 3, 10, 1));
        registration.register();

        assertThat(bodies).containsExactly(
                "{\"name\":\"vm1\",\"httpUrl\":\"http://vm1:8080\",\"tcpAddress\":\"vm1:9000\"}",
                "{\"name\":\"vm1\",\"httpUrl\":\"http://vm1:8080\",\"tcpAddress\":\"vm1:9000\",\"runId\":\"run-7\",\"state\":\"WAITING\"}");
        assertThat(authorizations).containsOnly("Bearer " + FakePeer.SECRET);
    }
}
