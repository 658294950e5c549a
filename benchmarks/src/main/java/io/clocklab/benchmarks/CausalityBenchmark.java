package io.clocklab.benchmarks;

import io.clocklab.core.causality.CausalityAnalyzer;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.log.RunLogs;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Happens-before from a run's log files ({@link CausalityAnalyzer}, both passes, reading and parsing
 * included), as the CLI and the coordinator do it: a simulated run of 3 VMs at 100 ticks/s each,
 * randomRange 10, written as JSON lines once, then analysed. The heap is capped at 64 MB to show the
 * memory does not grow with the run. {@link #readingTwiceOnly} is the reading alone, for comparison:
 * {@code java -jar benchmarks/target/benchmarks.jar CausalityBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
@State(Scope.Benchmark)
public class CausalityBenchmark {

    /** Events in the run (about: the simulator's run is cut at the second that reaches it). */
    @Param({"50000", "1000000"})
    long events;

    private Path folder;

    @Setup(Level.Trial)
    public void writeTheRun() throws IOException {
        folder = Files.createTempDirectory("causality-bench");
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 100);
        rates.put("vm2", 100);
        rates.put("vm3", 100);
        SimulationSpec spec = SimulationSpec.of("bench", rates, 7, Duration.ofSeconds(events / 300)).withRandomRange(10);
        Map<String, BufferedWriter> files = new HashMap<>();
        StringBuilder line = new StringBuilder();
        try {
            Simulator.run(spec, event -> {
                try {
                    BufferedWriter out = files.get(event.vm());
                    if (out == null) {
                        out = Files.newBufferedWriter(folder.resolve(event.vm() + ".jsonl"), StandardCharsets.UTF_8);
                        files.put(event.vm(), out);
                    }
                    line.setLength(0);
                    EventJson.appendLine(line, event);
                    out.append(line).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            for (BufferedWriter out : files.values()) {
                out.close();
            }
        }
    }

    @Benchmark
    public CausalityReport fromTheLogFiles() throws IOException {
        return CausalityAnalyzer.analyze(RunLogs.load(List.of(folder)));
    }

    /** The baseline: the same two passes over the files, each event read and parsed, nothing derived. */
    @Benchmark
    public long readingTwiceOnly() throws IOException {
        RunEvents logs = RunLogs.load(List.of(folder)).events();
        long seen = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (String vm : logs.vms()) {
                try (EventCursor cursor = logs.open(vm)) {
                    for (Event event = cursor.next(); event != null; event = cursor.next()) {
                        seen += event.seq();
                    }
                }
            }
        }
        return seen;
    }

    @TearDown(Level.Trial)
    public void deleteTheRun() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
