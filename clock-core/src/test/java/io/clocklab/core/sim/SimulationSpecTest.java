package io.clocklab.core.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulationSpecTest {

    private static final Map<String, Integer> TWO = Map.of("a", 1, "b", 2);

    private static SimulationSpec spec(Map<String, Integer> rates, int randomRange, Duration duration) {
        return new SimulationSpec("run-1", rates, randomRange, 1, duration, NetworkDelay.DEFAULT, SimulationSpec.DEFAULT_START);
    }

    @Test
    void keepsTheOrderOfTheRates() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("zeta", 1);
        rates.put("alpha", 2);
        rates.put("mu", 3);
        assertThat(spec(rates, 10, Duration.ofSeconds(1)).vms()).containsExactly("zeta", "alpha", "mu");
    }

    @Test
    void isNotChangedByChangesToTheMapItCameFrom() {
        Map<String, Integer> rates = new LinkedHashMap<>(TWO);
        SimulationSpec spec = spec(rates, 10, Duration.ofSeconds(1));
        rates.put("c", 3);
        assertThat(spec.clockRates()).hasSize(2);
    }

    @Test
    void defaultsAreTenSidesAboutAMillisecondAndAFixedStart() {
        SimulationSpec spec = SimulationSpec.of("run-1", TWO, 5, Duration.ofSeconds(60));
        assertThat(spec.randomRange()).isEqualTo(10);
        assertThat(spec.networkDelay()).isEqualTo(NetworkDelay.between(Duration.ofNanos(500_000), Duration.ofNanos(1_500_000)));
        assertThat(spec.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(spec.end()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void rejectsASingleVm() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("a", 1), 10, Duration.ofSeconds(1)))
                .withMessage("invalid simulation: clockRates must name at least 2 VMs, got 1");
    }

    @Test
    void rejectsRatesOutsideOneToAThousand() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("a", 0, "b", 1), 10, Duration.ofSeconds(1)))
                .withMessageContaining("clockRates.a must be between 1 and 10000, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("a", 1, "b", 10_001), 10, Duration.ofSeconds(1)))
                .withMessageContaining("clockRates.b must be between 1 and 10000, got 10001");
    }

    @Test
    void rejectsAMissingRate() {
        Map<String, Integer> rates = new LinkedHashMap<>(TWO);
        rates.put("c", null);
        assertThatIllegalArgumentException().isThrownBy(() -> spec(rates, 10, Duration.ofSeconds(1)))
                .withMessageContaining("clockRates.c must be between 1 and 10000, got null");
    }

    @Test
    void rejectsVmNamesThatCouldNotBeLive() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("a", 1, "#network", 1), 10, Duration.ofSeconds(1)))
                .withMessageContaining("clockRates names an invalid VM '#network'");
    }

    @Test
    void rejectsARandomRangeBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(TWO, 0, Duration.ofSeconds(1)))
                .withMessageContaining("randomRange must be at least 1, got 0");
    }

    @Test
    void rejectsADurationThatIsNotPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(TWO, 10, Duration.ZERO))
                .withMessageContaining("duration must be positive, got PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> spec(TWO, 10, Duration.ofSeconds(-1)))
                .withMessageContaining("duration must be positive, got PT-1S");
    }

    @Test
    void rejectsADurationLongerThanThirtyDays() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(TWO, 10, Duration.ofDays(31)))
                .withMessageContaining("duration must be at most PT720H, got PT744H");
    }

    @Test
    void rejectsABadRunId() {
        assertThatIllegalArgumentException().isThrownBy(() -> SimulationSpec.of("no spaces", TWO, 1, Duration.ofSeconds(1)))
                .withMessageContaining("runId must be 1-64 characters").withMessageContaining("got 'no spaces'");
    }

    @Test
    void rejectsMissingParts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SimulationSpec("run-1", null, 10, 1, null, null, null))
                .withMessage("invalid simulation: clockRates must be given; duration must be given; "
                        + "networkDelay must be given; start must be given");
    }

    @Test
    void namesEveryProblemAtOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("a", 50_000), -3, Duration.ZERO))
                .withMessageContaining("at least 2 VMs")
                .withMessageContaining("clockRates.a must be between 1 and 10000")
                .withMessageContaining("randomRange must be at least 1")
                .withMessageContaining("duration must be positive");
    }

    @Test
    void rejectsAStartTooCloseToTheEndOfTime() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulationSpec.of("run-1", TWO, 1, Duration.ofSeconds(60)).withStart(Instant.MAX))
                .withMessageContaining("start +1000000000-12-31T23:59:59.999999999Z is too close to the end of time");
    }
}
