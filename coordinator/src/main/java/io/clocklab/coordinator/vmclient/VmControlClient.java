package io.clocklab.coordinator.vmclient;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.util.Map;

/** The VMs' control API ({@code /internal/run}), as the coordinator calls it. */
@Component
public class VmControlClient {

    private final RestClient http;

    public VmControlClient(CoordinatorProperties properties, ClusterSecret secret, RestClient.Builder builder) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.vmTimeout()).build());
        requests.setReadTimeout(properties.vmTimeout());
        this.http = builder.requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, secret.authorizationHeader()).build();
    }

    public void setUp(RegisteredVm vm, RunSetup setup) {
        call(vm, "the run set-up", () -> http.put().uri(vm.httpUrl() + "/internal/run").body(setup).retrieve().toBodilessEntity());
    }

    public void start(RegisteredVm vm, RunStart start) {
        call(vm, "the start", () -> http.post().uri(vm.httpUrl() + "/internal/run/start").body(start).retrieve().toBodilessEntity());
    }

    public void stop(RegisteredVm vm, String runId) {
        call(vm, "the stop", () -> http.post().uri(vm.httpUrl() + "/internal/run/stop").body(Map.of("runId", runId)).retrieve().toBodilessEntity());
    }

    private static void call(RegisteredVm vm, String what, Runnable request) {
        try {
            request.run();
        } catch (RestClientException e) {
            throw new VmUnavailableException(vm.name(), what, e);
        }
    }
}
