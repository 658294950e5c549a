package io.clocklab.vm.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The side port's bookkeeping of places, without sockets: pending cap, the peers' reserve, authenticated places, replacement. */
class AdmissionTest {

    private static final InetAddress PEER = address("10.0.0.2");
    private static final InetAddress SHARED_BY_TWO_PEERS = address("10.0.0.3");
    private static final InetAddress STRANGER = address("10.0.0.66");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Map<InetAddress, Integer> peers = Map.of(PEER, 1, SHARED_BY_TWO_PEERS, 2);

    /** 2 shared pending places, 3 authenticated, a reserve of 2 per peer. */
    private Admission<String> admission() {
        return new Admission<>(2, 3, 2, address -> peers.getOrDefault(address, 0));
    }

    @Test
    void strangersShareThePendingPlacesAndAreRefusedBeyondThem() {
        Admission<String> admission = admission();
        assertThat(admission.admit("s1", STRANGER)).isTrue();
        assertThat(admission.admit("s2", STRANGER)).isTrue();
        assertThat(admission.admit("s3", STRANGER)).isFalse();
        assertThat(admission.pending()).isEqualTo(2);

        admission.release("s1");
        admission.release("s1"); // twice: harmless
        assertThat(admission.pending()).isEqualTo(1);
        assertThat(admission.admit("s4", STRANGER)).isTrue();
        assertThat(admission.admit("s5", STRANGER)).isFalse();
    }

    @Test
    void aPeersAddressHasItsOwnReserveOfPlacesPerPeerThenSharesTheRest() {
        Admission<String> admission = admission();
        admission.admit("s1", STRANGER);
        admission.admit("s2", STRANGER);
        assertThat(admission.admit("p1", PEER)).as("from the reserve").isTrue();
        assertThat(admission.admit("p2", PEER)).isTrue();
        assertThat(admission.admit("p3", PEER)).as("its reserve (2) is used up and the shared places are taken").isFalse();
        assertThat(admission.admit("q1", SHARED_BY_TWO_PEERS)).isTrue();
        assertThat(admission.admit("q2", SHARED_BY_TWO_PEERS)).isTrue();
        assertThat(admission.admit("q3", SHARED_BY_TWO_PEERS)).isTrue();
        assertThat(admission.admit("q4", SHARED_BY_TWO_PEERS)).as("two peers there: a reserve of 4").isTrue();
        assertThat(admission.admit("q5", SHARED_BY_TWO_PEERS)).isFalse();
        assertThat(admission.pending()).isEqualTo(8);

        admission.release("p1");
        assertThat(admission.admit("s3", STRANGER)).as("a reserved place never goes to a stranger").isFalse();
        assertThat(admission.admit("p4", PEER)).isTrue();
    }

    @Test
    void aHelloMovesAConnectionFromPendingToAuthenticatedAndReplacesTheSendersOlderOne() {
        Admission<String> admission = admission();
        admission.admit("a1", PEER);
        assertThat(admission.authenticate("a1", "vm2")).isEqualTo(new Admission.Authenticated<>(true, null));
        assertThat(admission.pending()).isZero();
        assertThat(admission.authenticated()).isEqualTo(1);

        admission.admit("a2", PEER);
        assertThat(admission.authenticate("a2", "vm2")).isEqualTo(new Admission.Authenticated<>(true, "a1"));
        assertThat(admission.authenticated()).as("one per sender").isEqualTo(1);
        admission.release("a1"); // the replaced one ends later: its place was taken from it already
        assertThat(admission.authenticated()).isEqualTo(1);
        admission.release("a2");
        assertThat(admission.authenticated()).isZero();
        assertThat(admission.pending()).isZero();
    }

    @Test
    void authenticatedPlacesAreCappedAndARefusedHelloKeepsItsPendingPlaceUntilReleased() {
        Admission<String> admission = admission();
        for (int i = 1; i <= 3; i++) {
            admission.admit("c" + i, PEER);
            assertThat(admission.authenticate("c" + i, "vm" + i).admitted()).isTrue();
        }
        admission.admit("c4", STRANGER);
        assertThat(admission.authenticate("c4", "vm4")).isEqualTo(new Admission.Authenticated<>(false, null));
        assertThat(admission.pending()).isEqualTo(1);
        admission.release("c4");
        assertThat(admission.pending()).isZero();

        admission.admit("c5", STRANGER);
        assertThat(admission.authenticate("c5", "vm1")).as("a known sender replaces its own, even at the cap")
                .isEqualTo(new Admission.Authenticated<>(true, "c1"));
        assertThat(admission.authenticate("c5", "vm1").admitted()).as("a second HELLO on one connection").isFalse();
        assertThat(admission.authenticated()).isEqualTo(3);
    }

    @Test
    void aConnectionReleasedBeforeItsHelloIsNotAuthenticated() {
        Admission<String> admission = admission();
        admission.admit("c1", STRANGER);
        admission.release("c1");
        assertThat(admission.authenticate("c1", "vm2").admitted()).isFalse();
        assertThat(admission.authenticated()).isZero();
    }
}
