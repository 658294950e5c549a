package io.clocklab.core.log;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunAnalyzer;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A simulated run written as the exercise's logs and read back has the same per-VM statistics. */
class ExerciseLogRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void jumpsQueuesAndDriftSurviveTheExerciseFormat() throws IOException {
        RunData simulated = Simulator.run(SimulationSpec.of("trial", Map.of("vm1", 1, "vm2", 3, "vm3", 6), 7, Duration.ofSeconds(60)));
        RunData original = inMicroseconds(simulated);
        ExerciseLogWriter.write(dir.resolve("trial"), original);

        RunData read = RunLogs.load(List.of(dir.resolve("trial")), original.randomRange(), null);

        assertThat(read.eventsByVm().keySet()).containsExactlyInAnyOrderElementsOf(original.eventsByVm().keySet());
        RunAnalysis expected = RunAnalyzer.analyze(original);
        RunAnalysis actual = RunAnalyzer.analyzeWithoutMessages(read, AnalysisLimits.DEFAULT);
        assertThat(expected.vms()).hasSize(3);
        for (VmAnalysis want : expected.vms()) {
            VmAnalysis got = actual.vms().stream().filter(vm -> vm.vm().equals(want.vm())).findFirst().orElseThrow();
            assertThat(want.receives()).as(want.vm() + " receives").isPositive();
            assertThat(got.jumps()).as(want.vm() + " jumps").isEqualTo(want.jumps());
            assertThat(got.queue()).as(want.vm() + " queue").isEqualTo(want.queue());
            assertThat(got.drift()).as(want.vm() + " drift").isEqualTo(want.drift());
            assertThat(got.clockRate()).isEqualTo(want.clockRate());
            assertThat(got.measuredRate()).isEqualTo(want.measuredRate());
            assertThat(List.of(got.events(), got.sends(), got.receives(), got.internals(), got.finalClock()))
                    .isEqualTo(List.of(want.events(), want.sends(), want.receives(), want.internals(), want.finalClock()));
        }
        assertThat(expected.vms().stream().mapToLong(vm -> vm.queue().max()).max().orElseThrow()).as("a queue built up").isPositive();
        assertThat(actual.series()).isEqualTo(expected.series());
        assertThat(actual.verdict().passed()).isTrue();
    }

    /** The run as a log holds it: times cut to microseconds, as Python prints them (and as clocklab's own logs do). */
    private static RunData inMicroseconds(RunData run) {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        run.eventsByVm().forEach((vm, log) -> events.put(vm, log.stream().map(e -> new Event(e.seq(), e.vm(), e.type(),
                e.systemTime().truncatedTo(ChronoUnit.MICROS), e.logicalClock(), e.queueLength(), e.to(), e.messageId(), e.from(),
                e.messageClock())).toList()));
        return new RunData(run.runId(), run.clockRates(), run.randomRange(), true, events);
    }
}
