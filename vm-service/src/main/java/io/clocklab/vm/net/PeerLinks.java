package io.clocklab.vm.net;

import io.clocklab.core.control.Peer;
import io.clocklab.core.control.TcpAddress;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.vm.config.VmProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The VM's outbound links, one per peer, kept across runs while the peer's address stays the same. */
@Component
public class PeerLinks implements DisposableBean {

    private final String self;
    private final Backoff backoff;
    private final FrameCodec codec;
    private final Duration resumeTimeout;
    private final Duration readTimeout;
    private final int maxInMemory;
    private final Map<String, PeerLink> links = new HashMap<>();
    /** Told the peers' hosts (one per peer) at each run's set-up; must not block. */
    private Consumer<List<String>> peersListener = hosts -> {
    };

    public PeerLinks(VmProperties properties, FrameCodec codec) {
        this.self = properties.name();
        this.backoff = new Backoff(properties.reconnectMin(), properties.reconnectMax());
        this.codec = codec;
        this.resumeTimeout = properties.resumeTimeout();
        this.readTimeout = properties.keepaliveTimeout();
        this.maxInMemory = properties.maxUnconfirmedInMemory();
    }

    public void connect(String runId, List<Peer> peers) {
        connect(runId, peers, Map.of());
    }

    /**
     * Makes the links match a run's peers, every message held in memory (no log to read back from).
     *
     * @param resend per peer, messages of this run sent before a restart, to send again what the peer lacks
     */
    public void connect(String runId, List<Peer> peers, Map<String, List<Message>> resend) {
        connect(runId, peers, resend, Map.of(), null);
    }

    /**
     * Makes the links match a run's peers: new ones connect, gone ones close, kept ones switch run.
     * Each link holds at most {@code clocklab.vm.max-unconfirmed-in-memory} messages in memory and reads
     * the rest back from {@code log} when it must send them.
     *
     * @param resend   per peer, messages of this run sent before a restart, to send again what the peer lacks
     * @param sentUpTo per peer, the highest seq sent there before a restart; those not in {@code resend} are read from the log
     * @param log      the run's own log; null holds every message in memory
     */
    public synchronized void connect(String runId, List<Peer> peers, Map<String, List<Message>> resend,
                                     Map<String, Long> sentUpTo, SentMessages log) {
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
            List<Message> again = resend.getOrDefault(peer.name(), List.of());
            long sent = sentUpTo.getOrDefault(peer.name(), 0L);
            PeerLink link = links.get(peer.name());
            if (link != null && link.address().equals(address)) {
                link.newRun(runId, again, sent, log);
            } else {
                if (link != null) {
                    link.close();
                }
                links.put(peer.name(), new PeerLink(self, peer.name(), address, backoff, codec, resumeTimeout, readTimeout,
                        maxInMemory, runId, again, sent, log));
            }
        }
        peersListener.accept(hosts());
    }

    /** Calls {@code listener} with the current peers' hosts now, and again at each run's set-up. It must not block. */
    public synchronized void onPeers(Consumer<List<String>> listener) {
        peersListener = listener;
        listener.accept(hosts());
    }

    /** The host of each peer's tcpAddress, one entry per peer. */
    private List<String> hosts() {
        return links.values().stream().map(link -> link.address().host()).toList();
    }

    /** Hands a SEND's message to each recipient's link; returns at once. */
    public synchronized void send(List<String> to, Message message) {
        for (String peer : to) {
            PeerLink link = links.get(peer);
            if (link == null) {
                throw new IllegalStateException("no link to " + peer + "; peers are " + links.keySet());
            }
            link.send(message.runId(), message);
        }
    }

    /** Per peer, what was sent in {@code runId} that the peer has not confirmed as queued. */
    public synchronized Map<String, SentRange> unconfirmed(String runId) {
        Map<String, SentRange> unconfirmed = new TreeMap<>();
        links.forEach((peer, link) -> unconfirmed.put(peer, link.unconfirmed(runId)));
        return unconfirmed;
    }

    /**
     * Messages held in memory per peer until the peer has logged them: at most
     * {@code max-unconfirmed-in-memory} each; the rest wait in the log.
     */
    public synchronized Map<String, Integer> kept() {
        Map<String, Integer> kept = new HashMap<>();
        links.forEach((peer, link) -> kept.put(peer, link.kept()));
        return kept;
    }

    /** Messages held in memory over all links: the {@code vm_unconfirmed_in_memory} gauge. */
    public synchronized int keptInMemory() {
        return links.values().stream().mapToInt(PeerLink::kept).sum();
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
