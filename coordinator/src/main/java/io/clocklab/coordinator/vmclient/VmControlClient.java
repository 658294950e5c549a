package io.clocklab.coordinator.vmclient;

import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.core.control.ClockView;
import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.control.DeliveryState;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.RunStop;
import io.clocklab.core.model.Event;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.util.List;

/** The VMs' control API ({@code /internal/run}), as the coordinator calls it. */
@Component
public class VmControlClient {

    private static final ParameterizedTypeReference<List<Event>> EVENTS = new ParameterizedTypeReference<>() {
    };

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
        call(vm, "the stop", () -> http.post().uri(vm.httpUrl() + "/internal/run/stop").body(new RunStop(runId)).retrieve().toBodilessEntity());
    }

    /**
     * One page of the VM's log of {@code runId}, read from its file whether or not the run is the
     * VM's current one: events with {@code seq >= from}, at most {@code limit}.
     */
    public List<Event> log(RegisteredVm vm, String runId, long from, int limit) {
        try {
            List<Event> page = http.get().uri(vm.httpUrl() + "/internal/runs/{runId}/log?from={from}&limit={limit}", runId, from, limit)
                    .retrieve().body(EVENTS);
            return page == null ? List.of() : page;
        } catch (RestClientException e) {
            throw new VmUnavailableException(vm.name(), "the log of run " + runId, e);
        }
    }

    /** What the VM still holds of {@code runId}'s messages: its queue, and what its peers have not confirmed. */
    public DeliveryState delivery(RegisteredVm vm, String runId) {
        try {
            return http.get().uri(vm.httpUrl() + "/internal/runs/{runId}/delivery", runId).retrieve().body(DeliveryState.class);
        } catch (RestClientException e) {
            throw new VmUnavailableException(vm.name(), "the delivery state of run " + runId, e);
        }
    }

    /** The VM's {@code GET /clock} answer. */
    public ClockView clock(RegisteredVm vm) {
        try {
            return http.get().uri(vm.httpUrl() + "/clock").retrieve().body(ClockView.class);
        } catch (RestClientException e) {
            throw new VmUnavailableException(vm.name(), "the clock", e);
        }
    }

    private static void call(RegisteredVm vm, String what, Runnable request) {
        try {
            request.run();
        } catch (RestClientException e) {
            throw new VmUnavailableException(vm.name(), what, e);
        }
    }
}
