package io.clocklab.core.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @Test
    void naturalOrderComparesRunsOfDigitsByValue() {
        List<String> names = new ArrayList<>(List.of("vm10", "vm2", "vm1", "alpha", "vm02"));
        names.sort(Names.NATURAL_ORDER);
        assertThat(names).containsExactly("alpha", "vm1", "vm02", "vm2", "vm10");
    }

    @Test
    void thirtyTwoComposeAndKubernetesNamesComeOutInCountingOrder() {
        List<String> compose = IntStream.rangeClosed(1, 32).mapToObj(i -> "vm" + i).toList();
        List<String> kubernetes = IntStream.range(0, 32).mapToObj(i -> "vm-" + i).toList();
        for (List<String> expected : List.of(compose, kubernetes)) {
            List<String> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, new Random(7));
            shuffled.sort(Names.NATURAL_ORDER);
            assertThat(shuffled).containsExactlyElementsOf(expected);
            // what a TreeSet / ConcurrentSkipListMap of plain strings gives instead
            assertThat(expected.stream().sorted().toList()).isNotEqualTo(expected);
        }
    }

    @Test
    void numbersLongerThanALongAndLeadingZerosCompareByValue() {
        assertThat(Names.NATURAL_ORDER.compare("vm99999999999999999999", "vm100000000000000000000")).isNegative();
        assertThat(Names.NATURAL_ORDER.compare("vm007", "vm8")).isNegative();
        assertThat(Names.NATURAL_ORDER.compare("vm000", "vm0")).isNotZero();
        assertThat(Names.NATURAL_ORDER.compare("vm1a", "vm1")).isPositive();
        assertThat(Names.NATURAL_ORDER.compare("vm1", "vm1")).isZero();
    }

    @Test
    void theOrderIsTotalAndConsistentWithEquals() {
        List<String> names = List.of("vm1", "vm01", "vm001", "vm2", "vm10", "vm-1", "vm-10", "vm1-2", "vm1-10", "vm01-2", "a",
                "a0", "a00", "0", "00", "10", "vm", "vm.1", "vm_1", "VM1", "vm1b", "vm1a2", "vm1a10");
        for (String a : names) {
            assertThat(Names.NATURAL_ORDER.compare(a, a)).isZero();
            for (String b : names) {
                int ab = Integer.signum(Names.NATURAL_ORDER.compare(a, b));
                assertThat(Integer.signum(Names.NATURAL_ORDER.compare(b, a))).as(a + " vs " + b).isEqualTo(-ab);
                assertThat(ab == 0).as(a + " vs " + b).isEqualTo(a.equals(b));
                for (String c : names) {
                    if (ab < 0 && Names.NATURAL_ORDER.compare(b, c) < 0) {
                        assertThat(Names.NATURAL_ORDER.compare(a, c)).as(a + " < " + b + " < " + c).isNegative();
                    }
                }
            }
        }
    }
}
