package io.clocklab.benchmarks;

import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Simulated events per second: each invocation simulates one whole run and hands every event to a
 * Blackhole through the streaming API, and counts as as many operations as the run has events, so
 * JMH's ops/s is events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulatorBenchmark {

    /** The exercise's example, 3 VMs at 1, 6 and 6 ticks/s, for an hour of virtual time. */
    static final long ONE_SIX_SIX_EVENTS = 46_800;
    /** 3 VMs at the highest rate for a minute. */
    static final long HIGH_RATE_EVENTS = 180_000;
    /** 10 VMs at 100 ticks/s for a minute: with randomRange 10 every idle tick sends, a tenth of them to all 9 peers. */
    static final long TEN_VMS_EVENTS = 60_000;

    private SimulationSpec oneSixSix;
    private SimulationSpec highRate;
    private SimulationSpec tenVms;

    @Setup
    public void setUp() {
        oneSixSix = spec("one-six-six", rates(1, 6, 6), Duration.ofHours(1), ONE_SIX_SIX_EVENTS);
        highRate = spec("high-rate", rates(1000, 1000, 1000), Duration.ofMinutes(1), HIGH_RATE_EVENTS);
        tenVms = spec("ten-vms", rates(100, 100, 100, 100, 100, 100, 100, 100, 100, 100), Duration.ofMinutes(1), TEN_VMS_EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation((int) ONE_SIX_SIX_EVENTS)
    public long oneSixSix(Blackhole blackhole) {
        return Simulator.run(oneSixSix, blackhole::consume);
    }

    @Benchmark
    @OperationsPerInvocation((int) HIGH_RATE_EVENTS)
    public long highRate(Blackhole blackhole) {
        return Simulator.run(highRate, blackhole::consume);
    }

    @Benchmark
    @OperationsPerInvocation((int) TEN_VMS_EVENTS)
    public long tenVms(Blackhole blackhole) {
        return Simulator.run(tenVms, blackhole::consume);
    }

    private static Map<String, Integer> rates(int... rates) {
        Map<String, Integer> byVm = new LinkedHashMap<>();
        for (int i = 0; i < rates.length; i++) {
            byVm.put("vm" + (i + 1), rates[i]);
        }
        return byVm;
    }

    /** The operation counts above are constants, so make sure they are the runs' real event counts. */
    private static SimulationSpec spec(String runId, Map<String, Integer> rates, Duration duration, long events) {
        SimulationSpec spec = SimulationSpec.of(runId, rates, 42, duration);
        if (Simulator.expectedEvents(spec) != events) {
            throw new IllegalStateException(runId + " has " + Simulator.expectedEvents(spec) + " events, not " + events);
        }
        return spec;
    }
}
