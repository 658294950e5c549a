package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll's outcome distribution on idle ticks, checked with Pearson's chi-square test. The
 * generator is seeded, so the statistic is the same on every run; the bound is the 0.1 % critical
 * value, so an honest implementation would fail it only for one seed in a thousand.
 */
class RollDistributionTest {

    private static final int TICKS = 200_000;
    /** chi-square critical value, 3 degrees of freedom, p = 0.001. */
    private static final double CRITICAL_3_DOF = 16.266;

    @Test
    void threeMachinesAndRangeTenGiveTenTenTenSeventyPercent() {
        double[] expectedShares = {0.10, 0.10, 0.10, 0.70};
        long[] observed = countOutcomes(42L, List.of("vm2", "vm3"), 10);
        assertThat(chiSquare(observed, expectedShares)).isLessThan(CRITICAL_3_DOF);
    }

    @Test
    void fiveMachinesAndRangeTenGiveOneTenthPerPeerOneTenthToAllAndTheRestInternal() {
        double[] expectedShares = {0.1, 0.1, 0.1, 0.1, 0.1, 0.5};
        long[] observed = countOutcomes(7L, List.of("b", "c", "d", "e"), 10);
        // 5 degrees of freedom, p = 0.001
        assertThat(chiSquare(observed, expectedShares)).isLessThan(20.515);
    }

    @Test
    void aSkewedDistributionIsRejected() {
        // The test has teeth: counts from range 9 (11 % each way) fail against the range-10 shares.
        long[] observed = countOutcomes(42L, List.of("vm2", "vm3"), 9);
        assertThat(chiSquare(observed, new double[]{0.10, 0.10, 0.10, 0.70})).isGreaterThan(CRITICAL_3_DOF);
    }

    /** Outcome counts: index i < peers sends to peer i alone, index peers sends to all, last is internal. */
    private static long[] countOutcomes(long seed, List<String> peers, int randomRange) {
        ModelMachine machine = new ModelMachine("vm1", "run", peers, randomRange,
                Seeds.rollsFor(seed, "vm1"), new MessageQueue(), InstantSource.fixed(Instant.EPOCH));
        long[] counts = new long[peers.size() + 2];
        for (int i = 0; i < TICKS; i++) {
            Event event = machine.tick().event();
            if (event.type() == EventType.INTERNAL) {
                counts[peers.size() + 1]++;
            } else if (event.to().size() == peers.size() && peers.size() > 1) {
                counts[peers.size()]++;
            } else {
                counts[peers.indexOf(event.to().get(0))]++;
            }
        }
        return counts;
    }

    private static double chiSquare(long[] observed, double[] expectedShares) {
        double total = 0;
        for (long o : observed) {
            total += o;
        }
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * expectedShares[i];
            statistic += Math.pow(observed[i] - expected, 2) / expected;
        }
        return statistic;
    }
}
