package io.clocklab.vm.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.control.NameLease;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Asks the coordinator's {@code POST /api/vms/names} for this instance's name, again every
 * {@code retry} while the coordinator cannot be reached or answers 5xx (it may still be starting),
 * until {@code timeout}. An answer that cannot change by asking again (401, 400, 409) ends it at once.
 */
final class NameLeaseClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final String authorization;

    NameLeaseClient(URI coordinatorUrl, ClusterSecret secret) {
        this.endpoint = coordinatorUrl.resolve("/api/vms/names");
        this.authorization = secret.authorizationHeader();
    }

    /** Gives the instance's name back (one try: the VM is stopping); @return the answer's status, or why there was none. */
    String release(String instance) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint.resolve("names/" + instance))
                    .timeout(Duration.ofSeconds(2)).header("Authorization", authorization).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            return "HTTP " + response.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** @throws IllegalStateException when no name came, saying why */
    String lease(String instance, Duration retry, Duration timeout, Consumer<String> waiting) {
        Instant deadline = Instant.now().plus(timeout);
        String last;
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(NameLease.ask(instance)))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    NameLease lease = json.readValue(response.body(), NameLease.class);
                    if (lease.name() == null || !instance.equals(lease.instance())) {
                        throw new IllegalStateException("the coordinator at " + endpoint + " answered without a name for "
                                + instance + ": " + response.body());
                    }
                    return lease.name();
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
                if (response.statusCode() < 500) {
                    throw new IllegalStateException("the coordinator at " + endpoint + " gave no name to " + instance + " (" + last + ")"
                            + (response.statusCode() == 401 ? "; is CLOCKLAB_CLUSTER_SECRET the coordinator's?" : ""));
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking " + endpoint + " for a name", e);
            }
            if (Instant.now().plus(retry).isAfter(deadline)) {
                throw new IllegalStateException("no name from the coordinator at " + endpoint + " within " + timeout.toSeconds()
                        + " s (name-lease-timeout); last: " + last);
            }
            waiting.accept(last);
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking " + endpoint + " for a name", e);
            }
        }
    }
}
