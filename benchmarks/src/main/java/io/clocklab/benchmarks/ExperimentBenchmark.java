package io.clocklab.benchmarks;

import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long a typical experiment takes in the simulator: 5 runs of 60 s, 3 VMs at 1, 6 and 6
 * ticks/s, randomRange 10, each run kept whole as {@link RunData} (as analysis needs it). Warm by
 * default; for the cold time of a fresh JVM run it with {@code -bm ss -wi 0 -i 1 -f 10}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExperimentBenchmark {

    static final int RUNS = 5;
    static final SimulationSpec RUN = SimulationSpec.of("experiment", rates(), 0, Duration.ofSeconds(60)).withRandomRange(10);

    @Benchmark
    public void fiveRunsOfAMinute(Blackhole blackhole) {
        for (int run = 1; run <= RUNS; run++) {
            blackhole.consume(Simulator.run(RUN.withRunId("experiment-" + run).withSeed(run)));
        }
    }

    private static Map<String, Integer> rates() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 1);
        rates.put("vm2", 6);
        rates.put("vm3", 6);
        return rates;
    }
}
