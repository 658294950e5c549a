package io.clocklab.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.output.ToStringConsumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * {@link ClusterContainers} under faults: kill -9, start, pause, unpause, disconnect from the
 * network and connect again, all through the Docker client Testcontainers holds. Testcontainers
 * remembers a container's host ports from its first start; a container started again by hand may
 * get other ones, so every URL here comes from a fresh inspection after each start. Containers
 * are named as on the network: {@code coordinator}, {@code vm1}, {@code vm2}, {@code vm3}.
 */
final class ChaosCluster implements AutoCloseable {

    static final String COORDINATOR = "coordinator";
    static final Duration SERVING_TIMEOUT = Duration.ofSeconds(90);
    private static final Logger log = LoggerFactory.getLogger(ChaosCluster.class);

    private final ClusterContainers containers = new ClusterContainers();
    private final Map<String, GenericContainer<?>> byName = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new ConcurrentHashMap<>();

    ChaosCluster() {
        byName.put(COORDINATOR, containers.coordinator);
        byName.putAll(containers.vms);
    }

    /** Arguments for the container's entrypoint (Spring properties for a VM, e.g. a logger's level); before {@link #start()} only. */
    ChaosCluster withArguments(String name, String... arguments) {
        byName.get(name).withCommand(arguments);
        return this;
    }

    void start() {
        containers.start();
        byName.keySet().forEach(this::inspectPorts);
    }

    /** The coordinator first, then the VMs in order. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    String coordinatorUrl() {
        return url(COORDINATOR);
    }

    String vmUrl(String vm) {
        return url(vm);
    }

    String url(String name) {
        return "http://" + byName.get(name).getHost() + ":" + httpPorts.get(name);
    }

    /** Where the host reaches the VM's side port (9000) now: Docker's host port for it, inspected afresh. */
    InetSocketAddress sidePortAddress(String vm) {
        await("%s has a host port for 9000".formatted(vm)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> hostPort(inspect(vm), 9000).isPresent());
        return new InetSocketAddress(byName.get(vm).getHost(), hostPort(inspect(vm), 9000).orElseThrow());
    }

    /** {@code docker kill --signal KILL}; returns once Docker reports the container stopped. */
    Instant kill(String name) {
        String id = id(name);
        Instant at = Instant.now();
        docker().killContainerCmd(id).withSignal("KILL").exec();
        await("%s stops after SIGKILL".formatted(name)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Boolean.TRUE.equals(inspect(name).getState().getRunning()));
        log.info("killed {} (-9)", name);
        return at;
    }

    /** {@code docker start}: the same container, its files (the VM's /logs, the coordinator's /data) kept. */
    Instant start(String name) {
        Instant at = Instant.now();
        docker().startContainerCmd(id(name)).exec();
        inspectPorts(name);
        followLogs(name, at);
        log.info("started {} again; HTTP now on host port {}", name, httpPorts.get(name));
        return at;
    }

    Instant pause(String name) {
        Instant at = Instant.now();
        docker().pauseContainerCmd(id(name)).exec();
        log.info("paused {}", name);
        return at;
    }

    Instant unpause(String name) {
        Instant at = Instant.now();
        docker().unpauseContainerCmd(id(name)).exec();
        log.info("unpaused {}", name);
        return at;
    }

    /** {@code docker network disconnect}: the container keeps running, cut off from the others. */
    Instant disconnect(String name) {
        Instant at = Instant.now();
        docker().disconnectFromNetworkCmd().withNetworkId(networkId()).withContainerId(id(name)).exec();
        log.info("disconnected {} from the network", name);
        return at;
    }

    /** {@code docker network connect --alias <name>}: back under its name (its address may differ). */
    Instant connect(String name) {
        Instant at = Instant.now();
        docker().connectToNetworkCmd().withNetworkId(networkId()).withContainerId(id(name))
                .withContainerNetwork(new ContainerNetwork().withAliases(name)).exec();
        inspectPorts(name);
        log.info("connected {} to the network again as {} at {}", name, name, ipAddress(name).orElse("?"));
        return at;
    }

    /** The container's address on the cluster network, empty while disconnected. */
    Optional<String> ipAddress(String name) {
        return networkOf(inspect(name)).map(ContainerNetwork::getIpAddress);
    }

    /** Waits until the container answers {@code /actuator/health} UP on its current host port; returns when it first did. */
    Instant awaitServing(String name) {
        await("%s serves /actuator/health".formatted(name)).atMost(SERVING_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> "UP".equals(Http.getJson(url(name) + "/actuator/health").path("status").asText()));
        return Instant.now();
    }

    /**
     * Undoes every fault, whatever a scenario left behind: unpauses, starts what is stopped,
     * connects what is cut off; then waits until every container serves and the coordinator lists
     * all VMs (healthy, where it reports health: that field comes with the heartbeat work).
     */
    void heal() {
        for (String name : names()) {
            InspectContainerResponse state = inspect(name);
            if (Boolean.TRUE.equals(state.getState().getPaused())) {
                unpause(name);
            }
            if (!Boolean.TRUE.equals(state.getState().getRunning())) {
                start(name);
            }
            if (networkOf(inspect(name)).isEmpty()) {
                connect(name);
            }
        }
        names().forEach(this::awaitServing);
        await("the coordinator lists every VM, healthy").atMost(SERVING_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    JsonNode vms = Http.getJson(coordinatorUrl() + "/api/cluster").path("vms");
                    List<String> healthy = new ArrayList<>();
                    vms.forEach(vm -> {
                        if (vm.path("health").isMissingNode() || "UP".equals(vm.path("health").asText())) {
                            healthy.add(vm.path("name").asText());
                        }
                    });
                    return healthy.containsAll(ClusterContainers.VM_NAMES);
                });
    }

    /** Starts following the coordinator's view of each VM's health, until closed. */
    HealthWatch watchHealth() {
        return new HealthWatch(this::coordinatorUrl);
    }

    /**
     * Polls {@code GET /api/cluster} every 250 ms and keeps each change of a VM's {@code health}
     * (UP, DOWN, RECOVERING: the heartbeat work adds it; before that nothing is kept), so a
     * scenario can tell how the coordinator saw a VM go and come back. A coordinator that does not
     * answer is skipped over: its own restart is measured elsewhere.
     */
    static final class HealthWatch implements AutoCloseable {

        record Change(Instant at, String vm, String health) {
        }

        private final List<Change> changes = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Map<String, String> last = new java.util.HashMap<>();
        private final Thread thread;
        private volatile boolean open = true;

        private HealthWatch(java.util.function.Supplier<String> coordinatorUrl) {
            thread = new Thread(() -> {
                while (open) {
                    try {
                        Http.getJson(coordinatorUrl.get() + "/api/cluster").path("vms").forEach(vm -> {
                            JsonNode health = vm.path("health");
                            String name = vm.path("name").asText();
                            if (!health.isMissingNode() && !health.asText().equals(last.put(name, health.asText()))) {
                                changes.add(new Change(Instant.now(), name, health.asText()));
                            }
                        });
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // the coordinator is down or restarting: try again
                    }
                }
            }, "health-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** Every change after each VM's first sample, unless that sample was already not UP. */
        String describe(Instant runStart) {
            List<String> shown = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            synchronized (changes) {
                if (changes.isEmpty()) {
                    return "health n/a";
                }
                for (Change change : changes) {
                    if (seen.add(change.vm()) && change.health().equals("UP")) {
                        continue;
                    }
                    shown.add(change.vm() + " " + change.health() + " " + ChaosFigures.at(runStart, change.at()));
                }
            }
            return "health changes " + (shown.isEmpty() ? "none" : shown);
        }

        @Override
        public void close() {
            open = false;
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The container's output (stdout and stderr) from {@code since} on, line by line, as {@code docker logs --since}
     * gives it: to the second, so a line or two from the second before may come too.
     */
    List<String> output(String name, Instant since) {
        ToStringConsumer text = new ToStringConsumer();
        try (FrameConsumerResultCallback callback = new FrameConsumerResultCallback()) {
            callback.addConsumer(OutputFrame.OutputType.STDOUT, text);
            callback.addConsumer(OutputFrame.OutputType.STDERR, text);
            docker().logContainerCmd(id(name)).withStdOut(true).withStdErr(true).withSince((int) since.getEpochSecond()).exec(callback);
            callback.awaitCompletion(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return text.toUtf8String().lines().toList();
    }

    /** A file as the container's own process sees it ({@code docker exec cat}), e.g. {@code /proc/1/status}. */
    String readInside(String name, String path) {
        try {
            Container.ExecResult result = byName.get(name).execInContainer("cat", path);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("cat " + path + " in " + name + ": " + result.getStderr());
            }
            return result.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The VM's own log file of a run, read from inside its container (the ground truth, kept across restarts). */
    Optional<List<Event>> logFile(String vm, String runId) {
        String path = "/logs/" + runId + "/" + vm + ".jsonl";
        try {
            String text = byName.get(vm).copyFileFromContainer(path, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Optional.of(text.lines().filter(line -> !line.isBlank()).map(EventJson::fromLine).toList());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            // A paused or disconnected container would stop Testcontainers from removing it and the network.
            for (String name : names()) {
                InspectContainerResponse state = inspect(name);
                if (Boolean.TRUE.equals(state.getState().getPaused())) {
                    unpause(name);
                }
                if (Boolean.TRUE.equals(state.getState().getRunning()) && networkOf(state).isEmpty()) {
                    connect(name);
                }
            }
        } catch (RuntimeException e) {
            log.warn("cleaning up before close: {}", e.getMessage());
        }
        containers.close();
    }

    /** Asked for on use, not at construction: without Docker the class is skipped before it ever needs one. */
    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private String id(String name) {
        return byName.get(name).getContainerId();
    }

    private String networkId() {
        return containers.network.getId();
    }

    private InspectContainerResponse inspect(String name) {
        return docker().inspectContainerCmd(id(name)).exec();
    }

    private Optional<ContainerNetwork> networkOf(InspectContainerResponse state) {
        Map<String, ContainerNetwork> networks = state.getNetworkSettings().getNetworks();
        return networks == null ? Optional.empty()
                : networks.values().stream().filter(n -> networkId().equals(n.getNetworkID())).findFirst();
    }

    /** Reads the host port Docker bound to the container's 8080 this time. */
    private void inspectPorts(String name) {
        await("%s has a host port for 8080".formatted(name)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> hostPort(inspect(name), 8080).isPresent());
        httpPorts.put(name, hostPort(inspect(name), 8080).orElseThrow());
    }

    private static Optional<Integer> hostPort(InspectContainerResponse state, int containerPort) {
        Ports ports = state.getNetworkSettings().getPorts();
        if (ports == null || ports.getBindings() == null) {
            return Optional.empty();
        }
        Ports.Binding[] bindings = ports.getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null) {
            return Optional.empty();
        }
        for (Ports.Binding binding : bindings) {
            if (binding.getHostPortSpec() != null && !binding.getHostPortSpec().isEmpty()) {
                return Optional.of(Integer.parseInt(binding.getHostPortSpec()));
            }
        }
        return Optional.empty();
    }

    /** Testcontainers followed the first start's output only; this follows a restart's, from its start on. */
    private void followLogs(String name, Instant since) {
        Slf4jLogConsumer consumer = new Slf4jLogConsumer(LoggerFactory.getLogger(name));
        FrameConsumerResultCallback callback = new FrameConsumerResultCallback();
        callback.addConsumer(OutputFrame.OutputType.STDOUT, consumer);
        callback.addConsumer(OutputFrame.OutputType.STDERR, consumer);
        docker().logContainerCmd(id(name)).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withSince((int) since.getEpochSecond()).exec(callback);
    }
}
