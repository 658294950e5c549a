package io.clocklab.core.causality;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Vector clocks for every event of a run, derived after the fact from its logs: each SEND and
 * RECEIVE names its message, which is all happens-before needs. Nothing is asked of the VMs, so
 * every past run has them.
 * <p>
 * The VMs' logs are merged into one <em>causal</em> order: every event comes after everything that
 * happened before it. Each VM's log is read in seq order with its own cursor; of the VMs whose next
 * event may go (not a RECEIVE, or a RECEIVE whose SEND has gone), the one whose event is earliest by
 * systemTime goes first, the first VM on a tie. So the order is the wall-clock order wherever the
 * clocks allow, and causal where they do not (a skewed clock, a log copied later).
 * <p>
 * An event's vector clock has one count per VM: how many of that VM's events happened before it or
 * are it. Event e happened before f exactly when {@code V(e)[vm(e)] <= V(f)[vm(e)]} and e is not f.
 * <p>
 * A SEND is held until every recipient named in its {@code to} that has a log has received it; a
 * recipient receiving it twice merges it again while it is held. A RECEIVE whose SEND is in no log
 * (the sender's log is missing or was cut, or the message was received again after every recipient
 * had it) cannot be placed after its send: it is counted ({@link Listener#end}) and merges nothing.
 * When only such RECEIVEs are left at the heads of the logs, one whose SEND can no longer come goes
 * first.
 * <p>
 * Memory: the VMs' current vectors, and one vector per message sent but not yet received by every
 * recipient; never the run's events. A VM far behind its peers keeps a backlog that grows with the
 * run, so the messages held are capped ({@link #MAX_IN_FLIGHT}; beyond it, {@link CausalityLimitException}).
 */
public final class CausalOrder {

    /** What the merge reports, in causal order. */
    public interface Listener {

        /**
         * The next event. {@code vector} holds its vector clock, one count per VM in the VM order;
         * it is only valid during the call (copy what must be kept). {@code chain} is the length of the
         * longest chain of events that happened before it, ending with it.
         */
        void event(int vm, Event event, long[] vector, long chain);

        /** After the last event. */
        default void end(long receivesWithoutSend) {
        }
    }

    /** A SEND not yet received by every recipient: its vector clock and chain, and who may still receive it. */
    private record Sent(long[] vector, long chain, Recipients pending) {
    }

    /**
     * The most messages sent and not yet received by every recipient that a derivation holds: about
     * 200 bytes each with 3 VMs, so some 20 MB. A VM far behind its peers keeps a backlog that grows
     * with the run (a 10,000,000-event run at 1/6/6 has 770,000 at its end); beyond this the run's
     * happens-before is not derived ({@link CausalityLimitException}) rather than the heap running out.
     */
    public static final int MAX_IN_FLIGHT = 100_000;

    private CausalOrder() {
    }

    /** A run's VMs in its order: its rates' order, then any other VM that logged. */
    public static List<String> vmsOf(RunData data) {
        return vmsOf(data.clockRates().keySet(), data.events());
    }

    /** The VMs of {@code ordered} (a run's rates' order), then any other VM of {@code events} that logged. */
    public static List<String> vmsOf(java.util.Collection<String> ordered, RunEvents events) {
        LinkedHashSet<String> vms = new LinkedHashSet<>(ordered);
        vms.addAll(events.vms());
        return List.copyOf(vms);
    }

    /** An event's name in {@link #vectors}: {@code vm#seq}. */
    public static String key(String vm, long seq) {
        return vm + "#" + seq;
    }

    /**
     * The vector clocks of the events named in {@code wanted} ({@link #key}), counts in the order of
     * {@code vms}; the whole run is streamed, only those are kept.
     */
    public static Map<String, long[]> vectors(List<String> vms, RunEvents events, java.util.Set<String> wanted) {
        Map<String, long[]> kept = new HashMap<>();
        stream(vms, events, (vm, event, vector, chain) -> {
            String key = key(event.vm(), event.seq());
            if (wanted.contains(key)) {
                kept.put(key, vector.clone());
            }
        });
        return kept;
    }

    /** Streams every event of {@code vms}' logs in causal order to {@code listener}, holding at most {@link #MAX_IN_FLIGHT} messages. */
    public static void stream(List<String> vms, RunEvents events, Listener listener) {
        stream(vms, events, listener, MAX_IN_FLIGHT);
    }

    /**
     * Streams every event of {@code vms}' logs in causal order to {@code listener}.
     *
     * @param maxInFlight the most messages sent and not yet received by every recipient that may be held at once
     * @throws CausalityLimitException when more are: the run's happens-before is not derived
     */
    public static void stream(List<String> vms, RunEvents events, Listener listener, int maxInFlight) {
        int n = vms.size();
        EventCursor[] cursors = new EventCursor[n];
        Event[] heads = new Event[n];
        long[][] vectors = new long[n][n];
        long[] chains = new long[n];
        Map<String, Sent> inFlight = new HashMap<>();
        long withoutSend = 0;
        try {
            Map<String, Integer> index = new HashMap<>();
            for (int v = 0; v < n; v++) {
                cursors[v] = events.open(vms.get(v));
                heads[v] = cursors[v].next();
                index.put(vms.get(v), v);
            }
            for (int next = next(heads, inFlight, index); next >= 0; next = next(heads, inFlight, index)) {
                Event event = heads[next];
                heads[next] = cursors[next].next();
                long[] vector = vectors[next];
                long chain = chains[next];
                if (event.type() == EventType.RECEIVE) {
                    Sent sent = event.messageId() == null ? null : inFlight.get(event.messageId());
                    if (sent == null) {
                        withoutSend++;
                    } else {
                        for (int j = 0; j < n; j++) {
                            vector[j] = Math.max(vector[j], sent.vector[j]);
                        }
                        chain = Math.max(chain, sent.chain);
                        // a recipient receiving twice takes nobody else's turn; the SEND goes when every recipient has it
                        if (sent.pending == null || (sent.pending.clear(next) && sent.pending.isEmpty())) {
                            inFlight.remove(event.messageId());
                        }
                    }
                }
                vector[next]++;
                chains[next] = ++chain;
                if (event.type() == EventType.SEND && event.messageId() != null) {
                    Recipients pending = Recipients.of(event.to(), index, heads, next);
                    if (pending == null || !pending.isEmpty()) {
                        if (inFlight.size() >= maxInFlight) {
                            throw new CausalityLimitException(maxInFlight);
                        }
                        inFlight.put(event.messageId(), new Sent(vector.clone(), chain, pending));
                    }
                }
                listener.event(next, event, vector, chain);
            }
            listener.end(withoutSend);
        } finally {
            for (EventCursor cursor : cursors) {
                if (cursor != null) {
                    cursor.close();
                }
            }
        }
    }

    /**
     * The recipients of a SEND that may still receive it: those named in its {@code to} that have a
     * log not yet finished, each once. Null when the SEND names none (then its first RECEIVE takes it).
     */
    private static final class Recipients {
        private final java.util.BitSet vms = new java.util.BitSet();

        static Recipients of(List<String> to, Map<String, Integer> index, Event[] heads, int sender) {
            if (to == null || to.isEmpty()) {
                return null;
            }
            Recipients recipients = new Recipients();
            for (String name : to) {
                Integer vm = index.get(name);
                if (vm != null && vm != sender && heads[vm] != null) {
                    recipients.vms.set(vm);
                }
            }
            return recipients;
        }

        /** True if {@code vm} was still to receive it. */
        boolean clear(int vm) {
            boolean was = vms.get(vm);
            vms.clear(vm);
            return was;
        }

        boolean isEmpty() {
            return vms.isEmpty();
        }
    }

    /**
     * The VM whose event goes next: the earliest of those that may go. When none may, every head is a
     * RECEIVE whose SEND has not gone: the earliest of those whose SEND can no longer come
     * ({@link #sendIsBehind}), else the earliest head (logs that contradict each other). -1 when every
     * log is done. A run has few VMs: a scan.
     */
    private static int next(Event[] heads, Map<String, Sent> inFlight, Map<String, Integer> index) {
        int ready = -1;
        int senderPast = -1;
        int any = -1;
        for (int v = 0; v < heads.length; v++) {
            Event head = heads[v];
            if (head == null) {
                continue;
            }
            any = earlier(heads, v, any);
            if (head.type() != EventType.RECEIVE || head.messageId() == null || inFlight.containsKey(head.messageId())) {
                ready = earlier(heads, v, ready);
            } else if (sendIsBehind(head, heads, index)) {
                senderPast = earlier(heads, v, senderPast);
            }
        }
        return ready >= 0 ? ready : senderPast >= 0 ? senderPast : any;
    }

    /**
     * Whether a RECEIVE's SEND can no longer come: its sender has no log, its log has ended, or its
     * next event's clock is above the message's (a VM's clock rises with every event, so the SEND,
     * which carried that clock, is behind it: a message received twice).
     */
    private static boolean sendIsBehind(Event receive, Event[] heads, Map<String, Integer> index) {
        Integer sender = receive.from() == null ? null : index.get(receive.from());
        if (sender == null || heads[sender] == null) {
            return true;
        }
        return receive.messageClock() != null && heads[sender].logicalClock() > receive.messageClock();
    }

    private static int earlier(Event[] heads, int candidate, int best) {
        return best < 0 || heads[candidate].systemTime().isBefore(heads[best].systemTime()) ? candidate : best;
    }
}
