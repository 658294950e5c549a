package io.clocklab.vm.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may hold a side-port connection (docs/protocol.md, "Admission and timeouts"). A connection is
 * first <em>pending</em>: it holds one of {@code maxPending} places, or, when it comes from the
 * address of one of the current run's peers, one of that address's reserved places
 * ({@code reservedPerPeer} per peer there), which nobody else can take. Its valid HELLO makes it
 * <em>authenticated</em>: it gives its pending place back and takes one of {@code maxAuthenticated},
 * and the sender's older authenticated connection, if any, is <em>replaced</em>: it loses its place
 * at once and is to be closed by the caller. So a sender holds at most one authenticated place, and
 * idle sockets, which never get past pending, cannot keep a peer out.
 * <p>
 * Bookkeeping only, no I/O: every method is quick and takes one lock, so the accept thread can call
 * it. Generic in the connection type (compared by equals) so that it is tested without sockets.
 *
 * @param <C> a connection
 */
final class Admission<C> {

    /** Where a connection stands. */
    private enum Kind { PENDING, RESERVED, AUTHENTICATED }

    private record Place(Kind kind, InetAddress address, String sender) {
    }

    /** What {@link #authenticate} decided. */
    record Authenticated<C>(boolean admitted, C replaced) {
    }

    private final int maxPending;
    private final int maxAuthenticated;
    private final int reservedPerPeer;
    private final PeerCount peers;
    // all guarded by this
    private final Map<C, Place> places = new HashMap<>();
    private final Map<InetAddress, Integer> reservedInUse = new HashMap<>();
    private final Map<String, C> bySender = new HashMap<>();
    private int pending;
    private int authenticated;

    /** How many of the current run's peers are at an address; must not block. */
    interface PeerCount {
        int peersAt(InetAddress address);
    }

    Admission(int maxPending, int maxAuthenticated, int reservedPerPeer, PeerCount peers) {
        this.maxPending = maxPending;
        this.maxAuthenticated = maxAuthenticated;
        this.reservedPerPeer = reservedPerPeer;
        this.peers = peers;
    }

    /**
     * A connection just accepted from {@code remote}: true when it gets a pending place (a peer's
     * address takes from its reserve first, then from the shared places), false when it must be
     * closed at once.
     */
    boolean admit(C connection, InetAddress remote) {
        int peersThere = peers.peersAt(remote);
        synchronized (this) {
            if (peersThere > 0 && reservedInUse.getOrDefault(remote, 0) < peersThere * reservedPerPeer) {
                reservedInUse.merge(remote, 1, Integer::sum);
                places.put(connection, new Place(Kind.RESERVED, remote, null));
                return true;
            }
            if (pending < maxPending) {
                pending++;
                places.put(connection, new Place(Kind.PENDING, remote, null));
                return true;
            }
            return false;
        }
    }

    /**
     * The connection said a valid HELLO from {@code sender}: it gives back its pending place and
     * takes an authenticated one. Whatever older connection the sender had loses its place now and
     * is returned as {@code replaced}, for the caller to close. Not admitted (the caller closes the
     * connection) when every authenticated place is held by other senders.
     */
    synchronized Authenticated<C> authenticate(C connection, String sender) {
        Place place = places.get(connection);
        if (place == null || place.kind() == Kind.AUTHENTICATED) {
            return new Authenticated<>(false, null); // released meanwhile, or a second HELLO
        }
        C older = bySender.get(sender);
        if (older != null) {
            places.remove(older);
            bySender.remove(sender);
            authenticated--;
        }
        if (authenticated >= maxAuthenticated) {
            return new Authenticated<>(false, older); // it keeps its pending place until it is released
        }
        givePendingBack(place);
        places.put(connection, new Place(Kind.AUTHENTICATED, place.address(), sender));
        bySender.put(sender, connection);
        authenticated++;
        return new Authenticated<>(true, older);
    }

    /** The connection has ended: its place, whatever it was, is free. Harmless when called twice. */
    synchronized void release(C connection) {
        Place place = places.remove(connection);
        if (place == null) {
            return;
        }
        if (place.kind() == Kind.AUTHENTICATED) {
            bySender.remove(place.sender(), connection);
            authenticated--;
        } else {
            givePendingBack(place);
        }
    }

    private void givePendingBack(Place place) {
        if (place.kind() == Kind.PENDING) {
            pending--;
        } else if (place.kind() == Kind.RESERVED) {
            reservedInUse.computeIfPresent(place.address(), (address, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Connections that have not said their HELLO yet, reserved ones included. */
    synchronized int pending() {
        return pending + reservedInUse.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int authenticated() {
        return authenticated;
    }
}
