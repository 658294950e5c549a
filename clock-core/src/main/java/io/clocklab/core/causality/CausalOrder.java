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
 * A RECEIVE whose SEND is in no log (the sender's log is missing or was cut, or the message was
 * received twice) cannot be placed after its send: it is counted ({@link Listener#end}) and merges
 * nothing. When only such RECEIVEs are left at the heads of the logs, the earliest goes.
 * <p>
 * Memory: the VMs' current vectors, and one vector per message sent but not yet received by every
 * recipient, which the VMs' queue bound keeps small in a run; never the run's events.
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

    private record Sent(long[] vector, long chain, int[] remaining) {
    }

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

    /** Streams every event of {@code vms}' logs in causal order to {@code listener}. */
    public static void stream(List<String> vms, RunEvents events, Listener listener) {
        int n = vms.size();
        EventCursor[] cursors = new EventCursor[n];
        Event[] heads = new Event[n];
        long[][] vectors = new long[n][n];
        long[] chains = new long[n];
        Map<String, Sent> inFlight = new HashMap<>();
        long withoutSend = 0;
        try {
            for (int v = 0; v < n; v++) {
                cursors[v] = events.open(vms.get(v));
                heads[v] = cursors[v].next();
            }
            Map<String, Integer> index = new HashMap<>();
            for (int v = 0; v < n; v++) {
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
                        if (--sent.remaining[0] <= 0) {
                            inFlight.remove(event.messageId());
                        }
                    }
                }
                vector[next]++;
                chains[next] = ++chain;
                if (event.type() == EventType.SEND && event.messageId() != null) {
                    int recipients = event.to() == null || event.to().isEmpty() ? 1 : event.to().size();
                    inFlight.put(event.messageId(), new Sent(vector.clone(), chain, new int[]{recipients}));
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
     * The VM whose event goes next: the earliest of those that may go. When none may, every head is a
     * RECEIVE whose SEND has not gone: the earliest of those whose sender has no log or a finished one
     * (its SEND is in no log), else the earliest head (logs that contradict each other, or a message
     * received twice). -1 when every log is done. A run has few VMs: a scan.
     */
    private static int next(Event[] heads, Map<String, Sent> inFlight, Map<String, Integer> index) {
        int ready = -1;
        int senderDone = -1;
        int any = -1;
        for (int v = 0; v < heads.length; v++) {
            Event head = heads[v];
            if (head == null) {
                continue;
            }
            any = earlier(heads, v, any);
            if (head.type() != EventType.RECEIVE || head.messageId() == null || inFlight.containsKey(head.messageId())) {
                ready = earlier(heads, v, ready);
            } else {
                Integer sender = head.from() == null ? null : index.get(head.from());
                if (sender == null || heads[sender] == null) {
                    senderDone = earlier(heads, v, senderDone);
                }
            }
        }
        return ready >= 0 ? ready : senderDone >= 0 ? senderDone : any;
    }

    private static int earlier(Event[] heads, int candidate, int best) {
        return best < 0 || heads[candidate].systemTime().isBefore(heads[best].systemTime()) ? candidate : best;
    }
}
