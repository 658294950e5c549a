package io.clocklab.core.check;

import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.run.RunData;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A VM whose clock runs slow logs more events per second of its own time; the rate rule measures in its seconds. */
class SkewedRateLimitTest {

    private static SimulationSpec spec() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 200);
        rates.put("vm2", 50);
        return SimulationSpec.of("skewed-rate", rates, 11, Duration.ofSeconds(5))
                .withClockSkew(Map.of("vm1", new ClockSkew(0, -50_000))); // vm1's clock loses 5 %
    }

    @Test
    void aSlowClocksVmKeepsItsRateInItsOwnSeconds() {
        RunData run = Simulator.run(spec());
        assertThat(RunChecker.check(run).violations()).isEmpty();
    }

    @Test
    void withoutKnowingTheSkewItsEventsWouldLookTooMany() {
        RunData run = Simulator.run(spec());
        RunData skewForgotten = run.withClockSkew(Map.of());
        assertThat(RunChecker.check(skewForgotten).violations()).extracting(Violation::rule).contains(Rule.RATE_LIMIT);
    }
}
