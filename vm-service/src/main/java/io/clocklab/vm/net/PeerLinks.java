package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.TcpAddress;
import io.clocklab.vm.config.VmProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The VM's outbound links, one per peer, kept across runs while the peer's address stays the same. */
@Component
public class PeerLinks implements DisposableBean {

    private final Backoff backoff;
    private final Map<String, PeerLink> links = new HashMap<>();

    public PeerLinks(VmProperties properties) {
        this.backoff = new Backoff(properties.reconnectMin(), properties.reconnectMax());
    }

    /** Makes the links match a new run's peers: new ones connect, gone ones close, kept ones switch run. */
    public synchronized void connect(String runId, List<Peer> peers) {
        Set<String> names = peers.stream().map(Peer::name).collect(Collectors.toSet());
        links.entrySet().removeIf(entry -> {
            boolean gone = !names.contains(entry.getKey());
            if (gone) {
                entry.getValue().close();
            }
            return gone;
        });
        for (Peer peer : peers) {
            TcpAddress address = TcpAddress.parse(peer.tcpAddress());
            PeerLink link = links.get(peer.name());
            if (link != null && link.address().equals(address)) {
                link.newRun(runId);
            } else {
                if (link != null) {
                    link.close();
                }
                links.put(peer.name(), new PeerLink(peer.name(), address, backoff, runId));
            }
        }
    }

    public synchronized void send(List<String> to, String runId, byte[] frame) {
        for (String peer : to) {
            PeerLink link = links.get(peer);
            if (link == null) {
                throw new IllegalStateException("no link to " + peer + "; peers are " + links.keySet());
            }
            link.send(runId, frame);
        }
    }

    /** Frames waiting to be written, per peer: a growing number means a peer is unreachable. */
    public synchronized Map<String, Integer> pending() {
        Map<String, Integer> pending = new HashMap<>();
        links.forEach((peer, link) -> pending.put(peer, link.pending()));
        return pending;
    }

    public synchronized boolean allConnected() {
        return links.values().stream().allMatch(PeerLink::connected);
    }

    @Override
    public synchronized void destroy() {
        links.values().forEach(PeerLink::close);
        links.clear();
    }
}
