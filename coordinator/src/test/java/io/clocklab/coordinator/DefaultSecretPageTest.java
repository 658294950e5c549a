package io.clocklab.coordinator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A coordinator on the compose file's default secret and without an API token says both on its start page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.cluster-secret=clocklab-dev-secret-change-me",
        "clocklab.coordinator.auto-start=false"})
class DefaultSecretPageTest {

    @LocalServerPort
    int port;

    @Test
    void theStartPageWarnsOfTheDefaultSecretAndTheOpenApi() {
        String page = new CoordinatorTestSupport(port).get("/").getBody();

        assertThat(page).contains("id=\"safety-warnings\"")
                .contains("The default cluster secret (clocklab-dev-secret-change-me) is in use")
                .contains("Set CLOCKLAB_CLUSTER_SECRET")
                .contains("anyone who can reach port 8080 can start runs");
    }
}
