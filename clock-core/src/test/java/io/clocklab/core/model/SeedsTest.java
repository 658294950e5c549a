package io.clocklab.core.model;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeedsTest {

    @Test
    void machinesOfOneRunGetDifferentSeeds() {
        assertThat(Seeds.forMachine(42, "vm1")).isNotEqualTo(Seeds.forMachine(42, "vm2"));
    }

    @Test
    void runsGetDifferentSeeds() {
        assertThat(Seeds.forMachine(42, "vm1")).isNotEqualTo(Seeds.forMachine(43, "vm1"));
    }

    /** Pinned, so that a seed written in an old report replays the same rolls in every release. */
    @Test
    void seedFortyTwoGivesVm1TheSameRollsForever() {
        assertThat(Seeds.forMachine(42, "vm1")).isEqualTo(6342804648607513728L);
        var rolls = Seeds.rollsFor(42, "vm1");
        assertThat(IntStream.range(0, 10).map(i -> rolls.nextInt(1, 11)))
                .containsExactly(10, 5, 2, 3, 8, 2, 6, 10, 8, 4);
    }
}
