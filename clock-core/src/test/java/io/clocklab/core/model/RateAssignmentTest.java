package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateAssignmentTest {

    private static final List<String> VMS = List.of("vm1", "vm2", "vm3");

    @Test
    void fixedRatesAreKeptAndTheRestDrawnWithinBounds() {
        for (long seed = 0; seed < 200; seed++) {
            Map<String, Integer> rates = RateAssignment.assign(VMS, Map.of("vm1", 9), 2, 4, new SplittableRandom(seed));
            assertThat(rates).containsEntry("vm1", 9).containsOnlyKeys(VMS);
            assertThat(rates.get("vm2")).isBetween(2, 4);
            assertThat(rates.get("vm3")).isBetween(2, 4);
        }
    }

    @Test
    void everyRateInTheRangeCanBeDrawn() {
        SplittableRandom rng = new SplittableRandom(1);
        var seen = new java.util.TreeSet<Integer>();
        for (int i = 0; i < 500; i++) {
            seen.addAll(RateAssignment.assign(VMS, Map.of(), 1, 6, rng).values());
        }
        assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void theSameSeedGivesTheSameRates() {
        assertThat(RateAssignment.assign(VMS, Map.of(), 1, 6, new SplittableRandom(5)))
                .isEqualTo(RateAssignment.assign(VMS, Map.of(), 1, 6, new SplittableRandom(5)));
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateAssignment.assign(VMS, Map.of("vm2", 0), 1, 6, new SplittableRandom(1)))
                .withMessageContaining("clockRates.vm2 must be between 1");
    }

    @Test
    void minAboveMaxIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateAssignment.assign(VMS, Map.of(), 5, 2, new SplittableRandom(1)))
                .withMessageContaining("clockRateMin (5) must not be greater than clockRateMax (2)");
    }

    @Test
    void anUnknownVmIsRefused() {
        assertThat(RateAssignment.problems(VMS, Map.of("vm9", 2), 1, 6))
                .containsExactly("clockRates names an unknown VM 'vm9' (known: vm1, vm2, vm3)");
    }
}
