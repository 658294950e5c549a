package io.clocklab.vm.registration;

import io.clocklab.core.control.ClusterSecret;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settles who this VM is before anything starts, so that its name is the same everywhere it is
 * used (metric label, log files, frames, registration):
 * <ul>
 *   <li>{@code clocklab.vm.name} set (vm1..vm3 of the compose file, {@code vm{{.Task.Slot}}} on Swarm, the pod's
 *   name on Kubernetes): that is the name.</li>
 *   <li>unset, with a {@code coordinator-url}: a replica of a scaled service. It asks the coordinator for a name
 *   ({@link NameLeaseClient}), as {@code clocklab.vm.instance} (default: its hostname, which a restarted container
 *   keeps, so it gets the same name back), waiting up to {@code clocklab.vm.name-lease-timeout} (2m).</li>
 *   <li>{@code clocklab.vm.advertise-host}: the host in the http-url and tcp-address the VM advertises, when those
 *   are not set themselves. Unset: its name (a compose service's DNS name). {@code ip}: its own address
 *   ({@link OwnAddress}), for replicas that have no DNS name of their own.</li>
 * </ul>
 */
public class VmIdentity implements EnvironmentPostProcessor {

    /** The {@code advertise-host} value that means "my own IP address". */
    public static final String OWN_IP = "ip";
    static final Duration RETRY = Duration.ofMillis(500);
    static final String SOURCE = "clocklab-vm-identity";
    /** Set when the name was leased: the instance it was leased to, which gives it back when the VM stops ({@link NameRelease}). */
    static final String LEASED_AS = "clocklab.vm.leased-as";

    private final Log log;
    private final OwnAddress.Lookup addresses;

    public VmIdentity(DeferredLogFactory logs) {
        this(logs.getLog(VmIdentity.class), OwnAddress.SYSTEM);
    }

    VmIdentity(Log log, OwnAddress.Lookup addresses) {
        this.log = log;
        this.addresses = addresses;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        Map<String, Object> settled = new LinkedHashMap<>();
        String name = binder.bind("clocklab.vm.name", String.class).orElse("").strip();
        String coordinator = binder.bind("clocklab.vm.coordinator-url", String.class).orElse("").strip();
        if (name.isEmpty() && !coordinator.isEmpty()) {
            String instance = binder.bind("clocklab.vm.instance", String.class).orElseGet(VmIdentity::hostname);
            Duration timeout = binder.bind("clocklab.vm.name-lease-timeout", Duration.class).orElse(Duration.ofMinutes(2));
            String secret = binder.bind("clocklab.vm.cluster-secret", String.class).orElse("");
            if (secret.isBlank()) {
                return; // the properties' validation says the secret is missing
            }
            log.info("no clocklab.vm.name: asking " + coordinator + " for one, as instance " + instance);
            name = new NameLeaseClient(URI.create(coordinator), new ClusterSecret(secret))
                    .lease(instance, RETRY, timeout, last -> log.debug("no name yet: " + last));
            log.info("the coordinator named this VM " + name);
            settled.put("clocklab.vm.name", name);
            settled.put(LEASED_AS, instance);
        }
        String host = binder.bind("clocklab.vm.advertise-host", String.class).orElse("").strip();
        if (!host.isEmpty() && !name.isEmpty()) {
            String advertised = OWN_IP.equals(host) ? OwnAddress.of(addresses) : host;
            if (binder.bind("clocklab.vm.http-url", String.class).orElse("").isBlank()) {
                settled.put("clocklab.vm.http-url", "http://" + advertised + ":" + binder.bind("server.port", Integer.class).orElse(8080));
            }
            if (binder.bind("clocklab.vm.tcp-address", String.class).orElse("").isBlank()) {
                settled.put("clocklab.vm.tcp-address", advertised + ":" + binder.bind("clocklab.vm.side-port", Integer.class).orElse(9000));
            }
            log.info(name + " advertises " + settled);
        }
        if (!settled.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settled));
        }
    }

    private static String hostname() {
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname.strip();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("no clocklab.vm.name, and no hostname to ask the coordinator for one with;"
                    + " set CLOCKLAB_VM_NAME or CLOCKLAB_VM_INSTANCE", e);
        }
    }
}
