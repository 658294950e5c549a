package io.clocklab.core.analysis;

import io.clocklab.core.run.RunData;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class QueueModelTest {

    private static final Map<String, Integer> ONE_SIX_SIX = rates(1, 6, 6);

    @Test
    void withThreeVmsAndRange10EachPeerIsReachedByTwoRollsInTen() {
        // roll 1 or 2 names one peer, roll 3 names both
        assertThat(QueueModel.sendProbability(ONE_SIX_SIX, 10, "vm1", "vm2")).isCloseTo(0.2, within(1e-12));
        assertThat(QueueModel.sendProbability(ONE_SIX_SIX, 10, "vm3", "vm1")).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void aRangeShorterThanThePeerListNeverReachesTheLastPeers() {
        Map<String, Integer> four = rates(1, 1, 1, 1);
        // range 2 with 3 peers: roll 1 -> first peer, roll 2 -> second peer, no "all" roll
        assertThat(QueueModel.sendProbability(four, 2, "vm1", "vm2")).isCloseTo(0.5, within(1e-12));
        assertThat(QueueModel.sendProbability(four, 2, "vm1", "vm4")).isZero();
    }

    @Test
    void theWorkedExampleOfTheDocs() {
        // vm1 backs up: it hears 0.2 * (5 + 5) = 2 messages/s and handles 1; vm2 and vm3 hear 0.2 * 5 = 1 each
        Map<String, Double> arrivals = QueueModel.arrivalRates(ONE_SIX_SIX, 10);
        assertThat(arrivals.get("vm1")).isCloseTo(2.0, within(1e-9));
        assertThat(arrivals.get("vm2")).isCloseTo(1.0, within(1e-9));
        assertThat(arrivals.get("vm3")).isCloseTo(1.0, within(1e-9));
        Map<String, Double> growth = QueueModel.predictedGrowth(ONE_SIX_SIX, 10);
        assertThat(growth.keySet()).containsExactly("vm1", "vm2", "vm3");
        assertThat(growth.get("vm1")).isCloseTo(1.0, within(1e-9));
        assertThat(growth.get("vm2")).isZero();
        assertThat(growth.get("vm3")).isZero();
        assertThat(QueueModel.predictedGrowth(rates(1, 6, 6), 10)).isEqualTo(growth);
    }

    @Test
    void equalRatesKeepUp() {
        assertThat(QueueModel.predictedGrowth(rates(5, 5, 5), 10).values()).containsOnly(0.0);
    }

    @Test
    void aLoneVmHasNoOneToHearFrom() {
        assertThat(QueueModel.predictedGrowth(rates(3), 10)).containsExactly(Map.entry("vm1", 0.0));
        assertThat(QueueModel.predictedGrowth(Map.of(), 10)).isEmpty();
    }

    @Test
    void aBadRangeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> QueueModel.predictedGrowth(ONE_SIX_SIX, 0))
                .withMessageContaining("randomRange");
    }

    /** Small ranges make the plain iteration swing; the damped one must still settle on a true fixed point. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void settlesOnAFixedPointForManyShapes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int vms = 2; vms <= 6; vms++) {
            for (int range = 1; range <= 12; range++) {
                int[] values = random.ints(vms, 1, 20).toArray();
                Map<String, Integer> rates = rates(values);
                Map<String, Double> arrivals = QueueModel.arrivalRates(rates, range);
                for (String to : rates.keySet()) {
                    double expected = 0;
                    for (String from : rates.keySet()) {
                        if (!from.equals(to)) {
                            double idle = rates.get(from) - Math.min(rates.get(from), arrivals.get(from));
                            expected += QueueModel.sendProbability(rates, range, from, to) * idle;
                        }
                    }
                    assertThat(arrivals.get(to)).as("%s with rates %s, range %d", to, rates, range).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    @Test
    void agreesWithASimulatedRun() {
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 7).run(1200);
        List<VmAnalysis> vms = RunAnalyzer.analyze(run).vms();

        assertThat(vms.get(0).queue().growthPerSecond()).isCloseTo(1.0, within(0.1));
        assertThat(vms.get(0).queue().predictedGrowthPerSecond()).isCloseTo(1.0, within(1e-9));
        assertThat(vms.get(1).queue().max()).isLessThan(10);
    }

    static Map<String, Integer> rates(int... values) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            rates.put("vm" + (i + 1), values[i]);
        }
        return rates;
    }
}
