package io.clocklab.coordinator.cluster;

import io.clocklab.coordinator.config.CoordinatorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the coordinator learns how many VMs to wait for on Kubernetes is the code path SwarmIT runs
 * for real on Swarm: both files give the coordinator the same settings (no fixed VMs, the DNS name
 * of the VMs' service), bound here by the real properties and counted by the real {@link ExpectedVms}.
 */
class OrchestratorDiscoveryTest {

    private static final Path ROOT = Path.of("..");

    @SuppressWarnings("unchecked")
    static Map<String, String> swarmEnv(String service) throws IOException {
        Map<String, Object> stack = load(ROOT.resolve("deploy/swarm/clocklab.yml")).get(0);
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) stack.get("services"))
                .get(service)).get("environment");
        Map<String, String> values = new LinkedHashMap<>();
        env.forEach((name, value) -> values.put(name, String.valueOf(value)));
        return values;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> kubernetesEnv(String file, String kind) throws IOException {
        for (Map<String, Object> object : load(ROOT.resolve("deploy/kubernetes").resolve(file))) {
            if (kind.equals(object.get("kind"))) {
                Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("template");
                List<Map<String, Object>> containers = (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers");
                Map<String, String> values = new LinkedHashMap<>();
                for (Map<String, Object> variable : (List<Map<String, Object>>) containers.get(0).get("env")) {
                    values.put((String) variable.get("name"), variable.containsKey("value") ? (String) variable.get("value") : "<from " + variable.get("valueFrom") + ">");
                }
                return values;
            }
        }
        throw new AssertionError("no " + kind + " in " + file);
    }

    @SuppressWarnings("unchecked")
    static String kubernetesHeadlessService() throws IOException {
        for (Map<String, Object> object : load(ROOT.resolve("deploy/kubernetes/vm.yaml"))) {
            Map<String, Object> spec = (Map<String, Object>) object.get("spec");
            if ("Service".equals(object.get("kind")) && "None".equals(spec.get("clusterIP")) && Boolean.TRUE.equals(spec.get("publishNotReadyAddresses"))) {
                return (String) ((Map<String, Object>) object.get("metadata")).get("name");
            }
        }
        throw new AssertionError("no headless Service publishing not-ready addresses in vm.yaml");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml().loadAll(reader).forEach(document -> documents.add((Map<String, Object>) document));
        }
        return documents;
    }

    /** The coordinator's settings from these environment variables, bound as Spring binds them at start-up. */
    private static CoordinatorProperties bind(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> variables = new LinkedHashMap<>(env);
        variables.put("CLOCKLAB_COORDINATOR_CLUSTER_SECRET", "s");
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", variables));
        return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()))
                .bindOrCreate("clocklab.coordinator", CoordinatorProperties.class);
    }

    private static ExpectedVms expected(CoordinatorProperties properties, int replicas) {
        List<InetAddress> addresses = IntStream.range(0, replicas).mapToObj(i -> {
            try {
                return InetAddress.getByAddress(new byte[]{10, 0, 1, (byte) (10 + i)});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return new ExpectedVms(properties, host -> {
            if (!host.equals(properties.vmDnsName())) {
                throw new UnknownHostException(host);
            }
            return addresses;
        });
    }

    @Test
    void swarmAndKubernetesGiveTheCoordinatorTheSameDiscoverySettingsAndTheSameCount() throws IOException {
        Map<String, String> swarm = swarmEnv("coordinator");
        Map<String, String> kubernetes = kubernetesEnv("coordinator.yaml", "Deployment");
        for (String setting : List.of("CLOCKLAB_COORDINATOR_EXPECTED_VMS", "CLOCKLAB_COORDINATOR_VM_DNS_NAME")) {
            assertThat(kubernetes.get(setting)).as(setting).isNotNull().isEqualTo(swarm.get(setting));
        }
        assertThat(swarm.get("CLOCKLAB_COORDINATOR_VM_DNS_NAME")).as("the swarm service's name").isEqualTo("vm");
        assertThat(kubernetes.get("CLOCKLAB_COORDINATOR_VM_DNS_NAME")).as("the headless Service's name").isEqualTo(kubernetesHeadlessService());

        for (Map<String, String> env : List.of(swarm, kubernetes)) {
            CoordinatorProperties properties = bind(env);
            assertThat(properties.isExpectedVmsValid()).isTrue();
            assertThat(properties.expectedVms()).isZero();
            assertThat(expected(properties, 5).count()).isEqualTo(5);
            assertThat(expected(properties, 32).describe()).isEqualTo("32 (0 + 32 addresses of 'vm')");
        }
    }
}
