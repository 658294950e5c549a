package io.clocklab.it;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test configuration of the cluster: the coordinator and three VMs from the project's
 * Dockerfile on one Testcontainers network, configured as docker-compose.yml configures them.
 */
final class ClusterContainers implements AutoCloseable {

    static final String SECRET = "it-cluster-secret";
    static final List<String> VM_NAMES = List.of("vm1", "vm2", "vm3");

    final Network network = Network.newNetwork();
    final GenericContainer<?> coordinator;
    final Map<String, GenericContainer<?>> vms;

    ClusterContainers() {
        ImageFromDockerfile coordinatorImage = ProjectImages.coordinator();
        ImageFromDockerfile vmImage = ProjectImages.vm();
        coordinator = new GenericContainer<>(coordinatorImage)
                .withNetwork(network).withNetworkAliases("coordinator")
                .withEnv("CLOCKLAB_CLUSTER_SECRET", SECRET)
                .withExposedPorts(8080)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("coordinator")))
                .waitingFor(Wait.forHttp("/actuator/health").forPort(8080).forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        vms = new java.util.LinkedHashMap<>();
        for (String name : VM_NAMES) {
            vms.put(name, new GenericContainer<>(vmImage)
                    .withNetwork(network).withNetworkAliases(name)
                    .withEnv("CLOCKLAB_CLUSTER_SECRET", SECRET)
                    .withEnv("CLOCKLAB_VM_NAME", name)
                    .withEnv("CLOCKLAB_VM_COORDINATOR_URL", "http://coordinator:8080")
                    .withExposedPorts(8080, 9000)
                    .dependsOn(coordinator)
                    .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(name)))
                    .waitingFor(Wait.forHttp("/actuator/health").forPort(8080).forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2))));
        }
    }

    void start() {
        coordinator.start();
        vms.values().parallelStream().forEach(GenericContainer::start);
    }

    String coordinatorUrl() {
        return "http://" + coordinator.getHost() + ":" + coordinator.getMappedPort(8080);
    }

    String vmUrl(String name) {
        GenericContainer<?> vm = vms.get(name);
        return "http://" + vm.getHost() + ":" + vm.getMappedPort(8080);
    }

    int vmSidePort(String name) {
        return vms.get(name).getMappedPort(9000);
    }

    @Override
    public void close() {
        Stream.concat(vms.values().stream(), Stream.of(coordinator)).forEach(GenericContainer::stop);
        network.close();
    }
}
