package io.clocklab.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.clocklab.coordinator.CoordinatorTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A disk without room for an experiment's logs: refused up front (507), and nothing is written. */
class DiskSpaceApiTest {

    @TempDir
    Path dataDir;

    @Test
    void anExperimentThatCouldFillTheDataDisksIsRefusedBeforeItStartsWithTheFigures() throws IOException {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CoordinatorApplication.class).run(
                "--server.port=0", "--clocklab.cluster-secret=" + CoordinatorTestSupport.SECRET,
                "--clocklab.coordinator.auto-start=false", "--clocklab.coordinator.data-dir=" + dataDir,
                "--clocklab.coordinator.disk.keep-free=1000TB")) { // more than any disk: as if it were full
            CoordinatorTestSupport api = new CoordinatorTestSupport(((WebServerApplicationContext) context).getWebServer().getPort());

            ResponseEntity<String> answer = api.post("/api/experiments", """
                    {"name":"too big","runs":1,"durationSeconds":10,"seed":3,"mode":"simulated",
                     "variations":[{"label":"a","clockRates":{"vm1":50,"vm2":50,"vm3":60}}]}""");

            assertThat(answer.getStatusCode().value()).isEqualTo(507);
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            JsonNode problem = json(answer);
            assertThat(problem.get("neededBytes").asLong()).as("1,600 events, twice 170 bytes each").isEqualTo(1600L * 170 * 2);
            assertThat(problem.get("keepFreeBytes").asLong()).isEqualTo(1000L * 1024 * 1024 * 1024 * 1024);
            assertThat(problem.get("usableBytes").asLong()).isPositive();
            assertThat(problem.get("detail").asText()).startsWith("this experiment could need 1 MB").contains("keep-free");
            assertThat(json(api.get("/api/experiments"))).as("nothing was filed").isEmpty();
            try (Stream<Path> files = Files.walk(dataDir)) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
