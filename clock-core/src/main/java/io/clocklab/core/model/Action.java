package io.clocklab.core.model;

import java.util.List;

/** What an idle tick (empty queue) does, as decided by the roll. */
public sealed interface Action {

    record Internal() implements Action {
    }

    /** One SEND, to one peer or to all of them. */
    record Send(List<String> to) implements Action {
        public Send {
            to = List.copyOf(to);
        }
    }

    /**
     * The exercise's rule, generalised to N machines: with the N-1 peers in a fixed order,
     * {@code roll <= N-1} sends to peer {@code roll}, {@code roll == N} sends to every peer,
     * anything larger is an internal event.
     */
    static Action forRoll(int roll, List<String> peers) {
        if (roll < 1) {
            throw new IllegalArgumentException("a roll starts at 1, got " + roll);
        }
        int peerCount = peers.size();
        if (roll <= peerCount) {
            return new Send(List.of(peers.get(roll - 1)));
        }
        if (roll == peerCount + 1 && peerCount > 0) {
            return new Send(peers);
        }
        return new Internal();
    }
}
