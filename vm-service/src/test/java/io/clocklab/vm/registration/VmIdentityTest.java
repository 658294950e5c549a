package io.clocklab.vm.registration;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who a VM is, settled before it starts: a given name, or one leased from the coordinator; and the address it advertises. */
class VmIdentityTest {

    private static final OwnAddress.Lookup CONTAINER = new OwnAddress.Lookup() {
        @Override
        public InetAddress ofHostname() throws UnknownHostException {
            return InetAddress.getByAddress("c0ffee000001", new byte[]{10, 0, 1, 7});
        }

        @Override
        public List<InetAddress> ofInterfaces() {
            return List.of();
        }
    };

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer coordinator;

    @AfterEach
    void stop() {
        if (coordinator != null) {
            coordinator.stop(0);
        }
    }

    /** A coordinator that answers {@code POST /api/vms/names} with {@code status} and {@code body} after {@code failFirst} 503s. */
    private int coordinator(int status, String body, int failFirst) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        coordinator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        coordinator.createContext("/api/vms/names", exchange -> {
            asked.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean early = calls.incrementAndGet() <= failFirst;
            byte[] answer = (early ? "{\"title\":\"starting\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(early ? 503 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        coordinator.start();
        return coordinator.getAddress().getPort();
    }

    private static MockEnvironment environment(String... pairs) {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.setProperty(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private static void settle(MockEnvironment environment, OwnAddress.Lookup addresses) {
        new VmIdentity(new NoOpLog(), addresses).postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void aReplicaWithoutANameAsksTheCoordinatorAsItsInstanceUntilItAnswersAndAdvertisesItsOwnAddress() throws IOException {
        int port = coordinator(200, "{\"instance\":\"c0ffee000001\",\"name\":\"vm4\"}", 2);
        MockEnvironment environment = environment("clocklab.vm.coordinator-url", "http://localhost:" + port,
                "clocklab.vm.cluster-secret", "s3cret", "clocklab.vm.instance", "c0ffee000001", "clocklab.vm.advertise-host", "ip");

        settle(environment, CONTAINER);

        assertThat(environment.getProperty("clocklab.vm.name")).isEqualTo("vm4");
        assertThat(environment.getProperty(VmIdentity.LEASED_AS)).as("so it gives the name back when it stops").isEqualTo("c0ffee000001");
        assertThat(environment.getProperty("clocklab.vm.http-url")).isEqualTo("http://10.0.1.7:8080");
        assertThat(environment.getProperty("clocklab.vm.tcp-address")).isEqualTo("10.0.1.7:9000");
        assertThat(asked).hasSize(3).allSatisfy(body -> assertThat(body).isEqualTo("{\"instance\":\"c0ffee000001\"}"));
        assertThat(authorizations).containsOnly("Bearer s3cret");
    }

    @Test
    void aLeasedNameIsGivenBackWithADeleteOfTheInstanceCarryingTheSecret() throws IOException {
        List<String> requests = new CopyOnWriteArrayList<>();
        coordinator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        coordinator.createContext("/api/vms/names/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        coordinator.start();
        NameLeaseClient client = new NameLeaseClient(java.net.URI.create("http://localhost:" + coordinator.getAddress().getPort()),
                new io.clocklab.core.control.ClusterSecret("s3cret"));

        assertThat(client.release("c0ffee000001")).isEqualTo("HTTP 204");
        assertThat(requests).containsExactly("DELETE /api/vms/names/c0ffee000001 Bearer s3cret");
        coordinator.stop(0);
        coordinator = null;
        assertThat(client.release("c0ffee000001")).as("a coordinator gone: said, not thrown").contains("ConnectException");
    }

    @Test
    void aGivenNameIsKeptAndNobodyIsAskedAndAnAddressSetByHandWins() {
        MockEnvironment environment = environment("clocklab.vm.name", "vm2", "clocklab.vm.coordinator-url", "http://localhost:1",
                "clocklab.vm.cluster-secret", "s", "clocklab.vm.advertise-host", "ip", "clocklab.vm.tcp-address", "edge:19000",
                "clocklab.vm.side-port", "9100", "server.port", "8088");

        settle(environment, CONTAINER);

        assertThat(environment.getProperty("clocklab.vm.name")).isEqualTo("vm2");
        assertThat(environment.getProperty(VmIdentity.LEASED_AS)).isNull();
        assertThat(environment.getProperty("clocklab.vm.http-url")).isEqualTo("http://10.0.1.7:8088");
        assertThat(environment.getProperty("clocklab.vm.tcp-address")).isEqualTo("edge:19000");
    }

    @Test
    void withoutAdvertiseHostNothingIsSetSoTheNameIsTheHost() {
        MockEnvironment environment = environment("clocklab.vm.name", "vm1");
        settle(environment, CONTAINER);
        assertThat(environment.getPropertySources().contains(VmIdentity.SOURCE)).isFalse();
        StandardEnvironment plain = new StandardEnvironment();
        new VmIdentity(new NoOpLog(), CONTAINER).postProcessEnvironment(plain, new SpringApplication());
        assertThat(plain.getPropertySources().contains(VmIdentity.SOURCE)).isFalse();
    }

    @Test
    void aRefusalEndsTheStartAtOnceSayingWhy() throws IOException {
        int port = coordinator(401, "{\"title\":\"Unauthorized\"}", 0);
        MockEnvironment environment = environment("clocklab.vm.coordinator-url", "http://localhost:" + port,
                "clocklab.vm.cluster-secret", "wrong", "clocklab.vm.instance", "c0ffee000001");

        assertThatThrownBy(() -> settle(environment, CONTAINER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave no name to c0ffee000001 (HTTP 401").hasMessageContaining("CLOCKLAB_CLUSTER_SECRET");
        assertThat(asked).hasSize(1);
    }

    @Test
    void aCoordinatorThatNeverAnswersEndsTheStartAfterTheLeaseTimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        MockEnvironment environment = environment("clocklab.vm.coordinator-url", "http://localhost:" + closed,
                "clocklab.vm.cluster-secret", "s", "clocklab.vm.instance", "c0ffee000001", "clocklab.vm.name-lease-timeout", "1s");

        assertThatThrownBy(() -> settle(environment, CONTAINER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no name from the coordinator").hasMessageContaining("within 1 s (name-lease-timeout)")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void ownAddressSkipsLoopbackForTheFirstInterfaceAddressAndSaysWhenThereIsNone() throws UnknownHostException {
        InetAddress loopback = InetAddress.getByAddress("h", new byte[]{127, 0, 1, 1});
        InetAddress linkLocal = InetAddress.getByAddress(new byte[]{(byte) 169, (byte) 254, 0, 1});
        InetAddress real = InetAddress.getByAddress(new byte[]{(byte) 192, (byte) 168, 5, 9});
        assertThat(OwnAddress.of(lookup(loopback, List.of(loopback, linkLocal, real)))).isEqualTo("192.168.5.9");
        assertThatThrownBy(() -> OwnAddress.of(lookup(loopback, List.of(loopback)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no address other than loopback");
    }

    private static OwnAddress.Lookup lookup(InetAddress byName, List<InetAddress> interfaces) {
        return new OwnAddress.Lookup() {
            @Override
            public InetAddress ofHostname() {
                return byName;
            }

            @Override
            public List<InetAddress> ofInterfaces() throws SocketException {
                return interfaces;
            }
        };
    }
}
