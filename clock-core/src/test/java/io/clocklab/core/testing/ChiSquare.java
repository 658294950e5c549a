package io.clocklab.core.testing;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;

import java.util.List;

/**
 * Pearson's chi-square test of the roll on idle ticks, for unit tests over the model and container
 * tests over live logs alike. The shares are the contract's rule, written out again here as the
 * test's oracle: with N machines and range R, each of the N-1 peers 1/R, all peers 1/R, internal the rest.
 */
public final class ChiSquare {

    /** Critical values at p = 0.001, by degrees of freedom (index 0 unused). */
    private static final double[] CRITICAL_0_001 = {Double.NaN, 10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124,
        27.877, 29.588, 31.264, 32.909, 34.528, 36.123, 37.697, 39.252};

    private ChiSquare() {
    }

    /**
     * The expected share of each outcome: peer 1 .. peer N-1, all peers, internal. Needs 3 <= N (with one peer, "all"
     * is that peer) and N < R (so every outcome can occur).
     */
    public static double[] rollShares(int machines, int randomRange) {
        if (machines < 3 || machines >= randomRange) {
            throw new IllegalArgumentException("the test needs 3 <= machines < randomRange so every outcome can occur, got "
                    + machines + " and " + randomRange);
        }
        double[] shares = new double[machines + 1];
        for (int i = 0; i < machines; i++) {
            shares[i] = 1.0 / randomRange;
        }
        shares[machines] = 1.0 - (double) machines / randomRange;
        return shares;
    }

    /**
     * Counts one machine's idle-tick outcomes, in {@link #rollShares}' order, from its events; {@code peers} in the
     * run's fixed order (the machine itself left out). RECEIVEs are not rolls and are skipped.
     */
    public static long[] rollOutcomes(List<Event> events, List<String> peers) {
        long[] counts = new long[peers.size() + 2];
        for (Event event : events) {
            if (event.type() == EventType.INTERNAL) {
                counts[peers.size() + 1]++;
            } else if (event.type() == EventType.SEND) {
                counts[event.to().size() == peers.size() && peers.size() > 1 ? peers.size() : peers.indexOf(event.to().get(0))]++;
            }
        }
        return counts;
    }

    public static double statistic(long[] observed, double[] expectedShares) {
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

    /** The statistic above which the outcomes fit the shares with p < 0.001. */
    public static double critical(int degreesOfFreedom) {
        return CRITICAL_0_001[degreesOfFreedom];
    }
}
