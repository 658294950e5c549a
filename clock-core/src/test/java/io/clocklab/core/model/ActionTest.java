package io.clocklab.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ActionTest {

    private static final List<String> TWO_PEERS = List.of("vm2", "vm3");

    @Test
    void rollOneSendsToTheFirstPeer() {
        assertThat(Action.forRoll(1, TWO_PEERS)).isEqualTo(new Action.Send(List.of("vm2")));
    }

    @Test
    void rollTwoSendsToTheSecondPeer() {
        assertThat(Action.forRoll(2, TWO_PEERS)).isEqualTo(new Action.Send(List.of("vm3")));
    }

    @Test
    void rollThreeSendsToBothPeers() {
        assertThat(Action.forRoll(3, TWO_PEERS)).isEqualTo(new Action.Send(List.of("vm2", "vm3")));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 7, 10, 1000})
    void higherRollsAreInternal(int roll) {
        assertThat(Action.forRoll(roll, TWO_PEERS)).isInstanceOf(Action.Internal.class);
    }

    @Test
    void withFourPeersRollsOneToFourPickOnePeerAndFiveSendsToAll() {
        List<String> peers = List.of("a", "b", "c", "d");
        for (int roll = 1; roll <= 4; roll++) {
            assertThat(Action.forRoll(roll, peers)).isEqualTo(new Action.Send(List.of(peers.get(roll - 1))));
        }
        assertThat(Action.forRoll(5, peers)).isEqualTo(new Action.Send(peers));
        assertThat(Action.forRoll(6, peers)).isInstanceOf(Action.Internal.class);
    }

    @Test
    void aMachineWithoutPeersOnlyHasInternalEvents() {
        assertThat(Action.forRoll(1, List.of())).isInstanceOf(Action.Internal.class);
    }

    @Test
    void rollsStartAtOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> Action.forRoll(0, TWO_PEERS));
    }
}
