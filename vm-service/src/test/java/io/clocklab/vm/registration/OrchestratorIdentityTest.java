package io.clocklab.vm.registration;

import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a VM is named and found on Kubernetes is the code path SwarmIT runs for real on Swarm: both
 * files give the VM its name from the orchestrator and {@code advertise-host: ip}, and the real
 * {@link VmIdentity} turns both into a VM that advertises its own address under that name.
 */
class OrchestratorIdentityTest {

    private static final Path ROOT = Path.of("..");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml().loadAll(reader).forEach(document -> documents.add((Map<String, Object>) document));
        }
        return documents;
    }

    /** The swarm VM service's environment, as a task in slot {@code slot} gets it (Swarm resolves the template). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> swarmTask(int slot) throws IOException {
        Map<String, Object> vm = (Map<String, Object>) ((Map<String, Object>) load(ROOT.resolve("deploy/swarm/clocklab.yml")).get(0)
                .get("services")).get("vm");
        Map<String, Object> env = new LinkedHashMap<>();
        ((Map<String, Object>) vm.get("environment")).forEach((name, value) ->
                env.put(name, String.valueOf(value).replace("{{.Task.Slot}}", String.valueOf(slot))));
        assertThat(vm.get("hostname")).isEqualTo("vm{{.Task.Slot}}");
        return env;
    }

    /** The StatefulSet's environment, as pod {@code pod} gets it (the downward API gives metadata.name). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> kubernetesPod(String pod) throws IOException {
        for (Map<String, Object> object : load(ROOT.resolve("deploy/kubernetes/vm.yaml"))) {
            if ("StatefulSet".equals(object.get("kind"))) {
                Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("template");
                Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers")).get(0);
                Map<String, Object> env = new LinkedHashMap<>();
                for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
                    Object from = variable.get("valueFrom");
                    if (from != null && from.toString().contains("fieldPath=metadata.name")) {
                        env.put((String) variable.get("name"), pod);
                    } else if (variable.containsKey("value")) {
                        env.put((String) variable.get("name"), variable.get("value"));
                    } else {
                        env.put((String) variable.get("name"), "secret");
                    }
                }
                return env;
            }
        }
        throw new AssertionError("no StatefulSet in vm.yaml");
    }

    /** The VM's settled identity when it starts with this environment in a container at {@code ip}. */
    private static Map<String, String> settle(Map<String, Object> env, byte[] ip) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", env));
        OwnAddress.Lookup container = new OwnAddress.Lookup() {
            @Override
            public InetAddress ofHostname() throws UnknownHostException {
                return InetAddress.getByAddress(ip);
            }

            @Override
            public List<InetAddress> ofInterfaces() {
                return List.of();
            }
        };
        new VmIdentity(new NoOpLog(), container).postProcessEnvironment(environment, new SpringApplication());
        Map<String, String> identity = new LinkedHashMap<>();
        for (String key : List.of("clocklab.vm.name", "clocklab.vm.http-url", "clocklab.vm.tcp-address", "clocklab.vm.coordinator-url")) {
            identity.put(key, environment.getProperty(key));
        }
        return identity;
    }

    @Test
    void aSwarmTaskAndAKubernetesPodAreNamedByTheOrchestratorAndAdvertiseTheirOwnAddressTheSameWay() throws IOException {
        Map<String, Object> swarm = swarmTask(3);
        Map<String, Object> kubernetes = kubernetesPod("vm-2");
        for (String setting : List.of("CLOCKLAB_VM_ADVERTISE_HOST", "CLOCKLAB_VM_COORDINATOR_URL", "CLOCKLAB_VM_STOP_LINGER")) {
            assertThat(kubernetes.get(setting)).as(setting).isNotNull().isEqualTo(swarm.get(setting));
        }

        assertThat(settle(swarm, new byte[]{10, 0, 1, 7})).containsExactly(
                Map.entry("clocklab.vm.name", "vm3"),
                Map.entry("clocklab.vm.http-url", "http://10.0.1.7:8080"),
                Map.entry("clocklab.vm.tcp-address", "10.0.1.7:9000"),
                Map.entry("clocklab.vm.coordinator-url", "http://coordinator:8080"));
        assertThat(settle(kubernetes, new byte[]{10, 42, 0, 9})).containsExactly(
                Map.entry("clocklab.vm.name", "vm-2"),
                Map.entry("clocklab.vm.http-url", "http://10.42.0.9:8080"),
                Map.entry("clocklab.vm.tcp-address", "10.42.0.9:9000"),
                Map.entry("clocklab.vm.coordinator-url", "http://coordinator:8080"));
    }
}
