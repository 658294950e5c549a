package io.clocklab.coordinator.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator's whole pipeline on a simulated run of a million events, in a JVM with the
 * image's heap settings (serial GC, 128 MB): it must come through every stage with a clean verdict.
 * The 10^7-event figures come from the same code by {@code scripts/benchmark-pipeline.sh}; only
 * behaviour is asserted here, never speed.
 */
class BigRunIT {

    @Test
    void aMillionEventRunIsSimulatedCollectedCheckedAnalysedAndReportedInTheProductionHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-Xss256k", "-Xms8m", "-Xmx128m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                PipelineBenchmark.class.getName(), "1000000")
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
        System.out.println(output);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError").contains("max-heap=12");
        List<String> stages = output.lines().map(line -> line.split("\\s+")[0]).toList();
        assertThat(stages).contains("simulate", "collect", "account", "check", "analyse", "page", "report");
        assertThat(output).contains("999000 events into the archive", "0 lost", "passed=true", "999000 events, 3 VMs", "9 files");
    }
}
