package io.clocklab.core.model;

import io.clocklab.core.testing.ChiSquare;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll's outcome distribution on idle ticks, checked with Pearson's chi-square test. The
 * generator is seeded, so the statistic is the same on every run; the bound is the 0.1 % critical
 * value, so an honest implementation would fail it only for one seed in a thousand.
 */
class RollDistributionTest {

    private static final int TICKS = 200_000;
    private static final double CRITICAL_3_DOF = ChiSquare.critical(3);

    @Test
    void threeMachinesAndRangeTenGiveTenTenTenSeventyPercent() {
        double[] expectedShares = ChiSquare.rollShares(3, 10);
        assertThat(expectedShares).containsExactly(0.10, 0.10, 0.10, 0.70);
        long[] observed = countOutcomes(42L, List.of("vm2", "vm3"), 10);
        assertThat(ChiSquare.statistic(observed, expectedShares)).isLessThan(CRITICAL_3_DOF);
    }

    @Test
    void fiveMachinesAndRangeTenGiveOneTenthPerPeerOneTenthToAllAndTheRestInternal() {
        double[] expectedShares = ChiSquare.rollShares(5, 10);
        assertThat(expectedShares).containsExactly(0.1, 0.1, 0.1, 0.1, 0.1, 0.5);
        long[] observed = countOutcomes(7L, List.of("b", "c", "d", "e"), 10);
        assertThat(ChiSquare.statistic(observed, expectedShares)).isLessThan(ChiSquare.critical(5));
    }

    @Test
    void aSkewedDistributionIsRejected() {
        // The test has teeth: counts from range 9 (11 % each way) fail against the range-10 shares.
        long[] observed = countOutcomes(42L, List.of("vm2", "vm3"), 9);
        assertThat(ChiSquare.statistic(observed, ChiSquare.rollShares(3, 10))).isGreaterThan(CRITICAL_3_DOF);
    }

    /** Outcome counts, in {@link ChiSquare#rollShares}' order. */
    private static long[] countOutcomes(long seed, List<String> peers, int randomRange) {
        ModelMachine machine = new ModelMachine("vm1", "run", peers, randomRange,
                Seeds.rollsFor(seed, "vm1"), new MessageQueue(), InstantSource.fixed(Instant.EPOCH));
        List<Event> events = new ArrayList<>(TICKS);
        for (int i = 0; i < TICKS; i++) {
            events.add(machine.tick().event());
        }
        return ChiSquare.rollOutcomes(events, peers);
    }
}
